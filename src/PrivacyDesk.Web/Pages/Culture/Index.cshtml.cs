using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Culture;

/// <summary>
/// POST /culture: remembers the chosen UI language in the culture cookie and goes back to the page the member was on.
/// Only a local return address is followed, so the switch cannot be used as an open redirect.
/// </summary>
public sealed class CultureModel : PageModel
{
    public const string QueryKey = "culture";
    public const string UiQueryKey = "ui-culture";

    /// <summary>
    /// Query keys not carried back: the culture keys would override the new cookie, and a page handler name (set when a
    /// form was posted) has no GET counterpart.
    /// </summary>
    private static readonly HashSet<string> DroppedKeys = new(StringComparer.OrdinalIgnoreCase) { QueryKey, UiQueryKey, "handler" };

    /// <summary>The languages the switch offers, each named in itself.</summary>
    public static IReadOnlyList<LanguageOption> Options { get; } =
    [
        new("ja-JP", "ja", "日本語"),
        new("en", "en", "English"),
    ];

    /// <summary>Where the page's own form returns to: a local <c>returnUrl</c> from the query, or the top page.</summary>
    public string ReturnUrl { get; private set; } = "/";

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        return Page();
    }

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = PrivacyDeskHost.SupportedCultures.FirstOrDefault(
            c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return BadRequest();
        }

        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });

        return LocalRedirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>
    /// A local path to go back to: <paramref name="returnUrl"/> when it is local (not "//host", "/\host" or absolute),
    /// percent-encoded where it is not ASCII, otherwise the top page. The culture and handler query keys are dropped (see <see cref="DroppedKeys"/>).
    /// </summary>
    public string SafeReturnUrl(string? returnUrl)
    {
        // Percent-encoded first: a Location header cannot carry 「/requests/状況」 or U+3000 as they are (that was a 500).
        returnUrl = LocalUrls.Safe(Url, returnUrl, "/");
        if (returnUrl == "/")
        {
            return "/";
        }

        var queryStart = returnUrl.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return returnUrl;
        }

        var fragmentStart = returnUrl.IndexOf('#', queryStart);
        var query = fragmentStart < 0 ? returnUrl[queryStart..] : returnUrl[queryStart..fragmentStart];
        var fragment = fragmentStart < 0 ? string.Empty : returnUrl[fragmentStart..];
        return returnUrl[..queryStart] + WithoutDroppedKeys(new QueryString(query)) + fragment;
    }

    /// <summary>Where the switch on the current page should come back to: the same path and query, minus the dropped keys.</summary>
    public static string ReturnUrlFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // On an error page shown by re-execution, go back to the address the member asked for, not to /Error.
        var reExecuted = request.HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var path = reExecuted is null
            ? (request.PathBase + request.Path).Value
            : reExecuted.OriginalPathBase + reExecuted.OriginalPath;
        var query = reExecuted is null ? request.QueryString : new QueryString(reExecuted.OriginalQueryString);
        return (string.IsNullOrEmpty(path) ? "/" : path) + WithoutDroppedKeys(query);
    }

    private static string WithoutDroppedKeys(QueryString query)
    {
        if (!query.HasValue)
        {
            return string.Empty;
        }

        var kept = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.Value)
            .Where(p => !DroppedKeys.Contains(p.Key))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return QueryString.Create(kept).ToUriComponent();
    }

    public sealed record LanguageOption(string Culture, string Language, string Name);
}
