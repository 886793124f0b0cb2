using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

namespace PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>
/// アカウントの作成: email, display name, one role, and an initial password typed twice or generated (then shown once,
/// in this response only). The account has no authenticator: the first sign-in enrols one. Admin only.
/// </summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class CreateModel(AccountAdministration accounts, IValidator<CreateAccountInput> validator) : PageModel
{
    [BindProperty]
    public CreateAccountInput Input { get; set; } = new();

    /// <summary>Set once the account exists.</summary>
    public string? CreatedUserId { get; private set; }

    /// <summary>The generated password, shown on the result page only.</summary>
    public string? GeneratedPassword { get; private set; }

    public IEnumerable<(string FieldId, string Message)> ErrorSummary =>
        ModelState.Where(e => e.Value is { Errors.Count: > 0 })
            .Select(e => (e.Key.Replace('.', '_'), e.Value!.Errors[0].ErrorMessage));

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Input.Email = Input.Email?.Trim();
        Input.DisplayName = Input.DisplayName?.Trim();
        var result = await validator.ValidateAsync(Input, cancellationToken);
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!;
        if (await accounts.EmailInUseAsync(email))
        {
            ModelState.AddModelError("Input.Email", Localized.Text("このメールアドレスのアカウントは既にあります。", "An account with this email address already exists."));
            return Page();
        }

        var generated = Input.PasswordMode == CreateAccountInput.GeneratePassword;
        var password = generated ? AccountAdministration.GeneratePassword() : Input.Password!;
        var passwordErrors = await accounts.CheckPasswordAsync(email, password);
        if (passwordErrors.Count > 0)
        {
            foreach (var message in passwordErrors)
            {
                ModelState.AddModelError("Input.Password", Localized.Text(message.Split(" / ")[0], message.Split(" / ")[^1]));
            }

            return Page();
        }

        var change = await accounts.CreateAsync(email, Input.DisplayName!, Input.Role!, password, cancellationToken: cancellationToken);
        if (!change.Succeeded)
        {
            ModelState.AddModelError(string.Empty, Localized.Text(change.Problem!.Value));
            return Page();
        }

        CreatedUserId = change.UserId;
        GeneratedPassword = generated ? password : null;

        // Neither password may stay in a form field or a cache.
        Input.Password = Input.ConfirmPassword = null;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
