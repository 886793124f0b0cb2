using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Requests;

/// <summary>
/// What every back-office page about one request shares: loading it, the version the staff member saw, and turning
/// a refused rule or a colleague's concurrent change into a message on the page instead of a lost or silent write.
/// </summary>
public abstract class StaffRequestPage(RequestWorkbench workbench, IAuthorizationService authorization) : PageModel
{
    [FromRoute(Name = "id")]
    public Guid RequestId { get; set; }

    /// <summary>The request's version when the page was shown; a change is saved only against it.</summary>
    [BindProperty]
    public int Version { get; set; }

    public PrivacyRequest PrivacyRequest { get; private set; } = null!;

    public string? Error { get; private set; }

    public ChangeConflict? Conflict { get; private set; }

    [TempData]
    public string? Done { get; set; }

    protected RequestWorkbench Workbench => workbench;

    protected string Actor => RequestWorkbench.ActorOf(User);

    public bool CanWork { get; private set; }

    public bool CanApprove { get; private set; }

    /// <summary>Loads the request and the viewer's rights; false when there is no such request.</summary>
    protected async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var request = await workbench.LoadAsync(RequestId, cancellationToken);
        if (request is null)
        {
            return false;
        }

        PrivacyRequest = request;
        CanWork = (await authorization.AuthorizeAsync(User, StaffPolicies.WorkRequests)).Succeeded;
        CanApprove = (await authorization.AuthorizeAsync(User, StaffPolicies.ApproveDecisions)).Succeeded;
        return true;
    }

    /// <summary>
    /// Runs a change through the domain and saves it against the version the staff member saw. On success the page
    /// redirects (post/redirect/get) with <paramref name="doneMessage"/>; otherwise the page is shown again with the
    /// input kept and the reason.
    /// </summary>
    protected async Task<IActionResult> ChangeAsync(Action change, Label doneMessage, CancellationToken cancellationToken, string? redirectTo = null)
    {
        try
        {
            change();
        }
        catch (DomainRuleException ex)
        {
            // Includes refused status transitions: the request in memory may be half-changed, so it is reloaded.
            return await ShowAgainAsync(WorkOutcome.Refused(ex), cancellationToken);
        }

        var outcome = await workbench.SaveAsync(PrivacyRequest, Version, cancellationToken);
        if (!outcome.Saved)
        {
            return await ShowAgainAsync(outcome, cancellationToken);
        }

        Done = Localized.Text(doneMessage);
        return Redirect(redirectTo ?? $"/staff/requests/{RequestId}");
    }

    /// <summary>Shows the page again with a message; the posted input stays in the bound properties.</summary>
    protected async Task<IActionResult> ShowAgainAsync(WorkOutcome outcome, CancellationToken cancellationToken)
    {
        Error = outcome.Error;
        Conflict = outcome.Conflict;

        // Show the request as it is now, not as this attempt left it in memory.
        HttpContext.RequestServices.GetRequiredService<Data.PrivacyDeskDbContext>().ChangeTracker.Clear();
        await LoadAsync(cancellationToken);
        await OnShowingAsync(cancellationToken);
        Response.StatusCode = outcome.Conflict is not null ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Shows the page again because the input did not validate.</summary>
    protected async Task<IActionResult> InvalidAsync(CancellationToken cancellationToken)
    {
        HttpContext.RequestServices.GetRequiredService<Data.PrivacyDeskDbContext>().ChangeTracker.Clear();
        await LoadAsync(cancellationToken);
        await OnShowingAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Loads whatever else the page shows besides the request.</summary>
    protected virtual Task OnShowingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected void AddErrors(FluentValidation.Results.ValidationResult result, string prefix)
    {
        // The validator speaks for the input (in Japanese); model binding's own English messages would only repeat it.
        ModelState.Clear();
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }
    }
}
