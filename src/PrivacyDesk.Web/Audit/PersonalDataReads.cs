using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// Marks a page (its GET handlers) or one handler method as showing personal data: a requester's details, a document,
/// a letter, a list of requesters, the audit trail. Each such response leaves one audit row with
/// <see cref="Action"/>, written by <see cref="PersonalDataReadFilter"/> before the response is sent (ADR 0014). On the
/// class it covers every GET handler of the page; on a method, that handler whatever its verb.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class AuditsPersonalDataReadAttribute(string action) : Attribute
{
    /// <summary>A read code of the catalogue (<see cref="AuditActions.Reads"/>).</summary>
    public string Action { get; } = action;

    /// <summary>Who reads, when it is not the signed-in user (the member on the status page).</summary>
    public string? Actor { get; init; }
}

/// <summary>
/// A page that says what a read showed. Without it, the row is filed under the route's <c>id</c> and its details are
/// the other route values (identifiers only).
/// </summary>
public interface IAuditedRead
{
    /// <summary>The request and details for the row; null when nothing personal was shown (e.g. no match).</summary>
    AuditedRead? AuditedRead(string action);
}

public sealed record AuditedRead(Guid? RequestId, object? Details = null);

/// <summary>
/// Writes the audit row of every response of a handler marked <see cref="AuditsPersonalDataReadAttribute"/>. It runs
/// after the handler, before the result is written, and only when the handler showed something (a page or a file with
/// a success status): a 404, a redirect or a refusal leaves no read row.
/// </summary>
public sealed class PersonalDataReadFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            return;
        }

        var marked = Marked(context.HandlerMethod?.MethodInfo, context.ActionDescriptor.HandlerTypeInfo, context.HttpContext.Request.Method);
        if (marked is null || !Shown(executed.Result, context.HttpContext.Response.StatusCode))
        {
            return;
        }

        AuditedRead? read;
        if (executed.HandlerInstance is IAuditedRead described)
        {
            read = described.AuditedRead(marked.Action);
        }
        else
        {
            var routeValues = context.RouteData.Values;
            var id = routeValues.TryGetValue("id", out var raw) && Guid.TryParse(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture), out var parsed)
                ? parsed : (Guid?)null;
            var details = routeValues
                .Where(v => v.Key is not ("id" or "page" or "handler") && v.Value is not null)
                .ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture));
            read = new AuditedRead(id, details.Count == 0 ? null : details);
        }

        if (read is null)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var audit = services.GetRequiredService<AuditTrail>();
        using var actor = marked.Actor is null ? null : audit.UseActor(marked.Actor);
        audit.Raise(new PersonalDataRead(marked.Action, read.RequestId, read.Details));
        await services.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync(context.HttpContext.RequestAborted);
    }

    /// <summary>The read a handler is marked with: on the method, else on the page for a GET.</summary>
    public static AuditsPersonalDataReadAttribute? Marked(MethodInfo? handler, TypeInfo page, string httpMethod) =>
        handler?.GetCustomAttribute<AuditsPersonalDataReadAttribute>()
        ?? (HttpMethods.IsGet(httpMethod) ? page.GetCustomAttribute<AuditsPersonalDataReadAttribute>() : null);

    private static bool Shown(IActionResult? result, int statusCode) => statusCode < 300 && result switch
    {
        null or PageResult or FileResult => true,
        Microsoft.AspNetCore.Mvc.Infrastructure.IStatusCodeActionResult { StatusCode: >= 300 } => false,
        RedirectResult or RedirectToPageResult or LocalRedirectResult or RedirectToActionResult or RedirectToRouteResult => false,
        ForbidResult or ChallengeResult or SignOutResult => false,
        _ => true,
    };
}
