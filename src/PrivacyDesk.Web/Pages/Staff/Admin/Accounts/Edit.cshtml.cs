using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

namespace PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>
/// One staff account: change its roles, disable or enable it, reset its authenticator. Each change is a separate form
/// (antiforgery-checked POST), answered with a redirect to this page and a confirmation. Admin only.
/// </summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class EditModel(AccountAdministration accounts, IValidator<AccountRolesInput> rolesValidator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    /// <summary>Which change was just made (after the redirect).</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    [BindProperty]
    public AccountRolesInput RolesInput { get; set; } = new();

    public AccountRow Account { get; private set; } = null!;

    public string? Problem { get; private set; }

    public bool IsSelf => Id == User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync(CancellationToken cancellationToken)
    {
        var validation = await rolesValidator.ValidateAsync(RolesInput, cancellationToken);
        if (!validation.IsValid)
        {
            return await ShowAsync(validation.Errors[0].ErrorMessage, cancellationToken);
        }

        return await ApplyAsync(accounts.SetRolesAsync(ActorId, Id, RolesInput.Roles, cancellationToken), "roles", cancellationToken);
    }

    public Task<IActionResult> OnPostLockAsync(CancellationToken cancellationToken) =>
        ApplyAsync(accounts.LockAsync(ActorId, Id, cancellationToken), "locked", cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) =>
        ApplyAsync(accounts.UnlockAsync(Id, cancellationToken), "unlocked", cancellationToken);

    public Task<IActionResult> OnPostClearSignInLimitsAsync(CancellationToken cancellationToken) =>
        ApplyAsync(accounts.ClearSignInLimitsAsync(Id, cancellationToken), "sign-in-limits-cleared", cancellationToken);

    public Task<IActionResult> OnPostResetAuthenticatorAsync(CancellationToken cancellationToken) =>
        ApplyAsync(accounts.ResetAuthenticatorAsync(ActorId, Id, cancellationToken), "authenticator-reset", cancellationToken);

    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No user id in the session.");

    private async Task<IActionResult> ApplyAsync(Task<AccountChange> changing, string done, CancellationToken cancellationToken)
    {
        var change = await changing;
        return change.Succeeded
            ? Redirect($"/staff/admin/accounts/{Uri.EscapeDataString(Id)}?done={done}")
            : await ShowAsync(Localized.Text(change.Problem!.Value), cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string problem, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Problem = problem;
        Done = null;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(Id, cancellationToken);
        if (account is null)
        {
            return false;
        }

        Account = account;
        return true;
    }
}
