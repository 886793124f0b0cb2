using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Requests;

/// <summary>
/// The one pipeline of every back-office page about one request (the workbench pages, the letters, the documents):
/// before any handler the request is loaded, or the answer is 404; a GET takes the version the staff member sees; a
/// change is validated (422 with the input kept), run through the domain and saved against that version, or the page
/// says why not: a refused rule (422) or a colleague's change, named from the audit trail (409). Handlers only say
/// what to change.
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

    /// <summary>Loads the request before any handler runs: 404 when there is none; a GET shows its current version.</summary>
    /// <remarks>[NonHandler]: overridden here, Razor Pages would otherwise take it for a handler of an HTTP verb "PAGE".</remarks>
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!await LoadAsync(context.HttpContext.RequestAborted))
        {
            context.Result = NotFound();
            return;
        }

        if (HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            Version = PrivacyRequest.Version;
            await OnShowingAsync(context.HttpContext.RequestAborted);
        }

        await next();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
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
    /// Validates <paramref name="input"/> with its <see cref="IValidator{T}"/>, then runs the change through the domain
    /// and saves it (see <see cref="ChangeAsync(Action, Label, CancellationToken, string?)"/>); invalid input shows the
    /// page again (422) with the input kept and the messages at the fields under <paramref name="prefix"/>.
    /// </summary>
    protected async Task<IActionResult> ChangeAsync<TInput>(
        TInput input, string prefix, Action change, Label doneMessage, CancellationToken cancellationToken, string? redirectTo = null)
    {
        if (!await ValidateAsync(input, prefix, cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        return await ChangeAsync(change, doneMessage, cancellationToken, redirectTo);
    }

    /// <summary>Validates <paramref name="input"/>; on failure its messages replace model binding's at the fields.</summary>
    protected async Task<bool> ValidateAsync<TInput>(TInput input, string prefix, CancellationToken cancellationToken)
    {
        var validator = HttpContext.RequestServices.GetRequiredService<IValidator<TInput>>();
        var result = await validator.ValidateAsync(input, cancellationToken);
        if (result.IsValid)
        {
            return true;
        }

        // The validator speaks for the input (in Japanese); model binding's own English messages would only repeat it.
        ModelState.Clear();
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }

        return false;
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

    /// <summary>Shows the page again with a message (409 for a colleague's change, else 422); the posted input stays bound.</summary>
    protected async Task<IActionResult> ShowAgainAsync(WorkOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Error = outcome.Error;
        Conflict = outcome.Conflict;
        await ReloadAsync(cancellationToken);
        Response.StatusCode = outcome.Conflict is not null ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Shows the page again because the input did not validate (422).</summary>
    protected async Task<IActionResult> InvalidAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The request as it is now, not as this attempt left it in memory, and what else the page shows.</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        workbench.Forget();
        await LoadAsync(cancellationToken);
        await OnShowingAsync(cancellationToken);
    }

    /// <summary>Loads whatever else the page shows besides the request (before a GET handler, and when a change is shown again).</summary>
    protected virtual Task OnShowingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
