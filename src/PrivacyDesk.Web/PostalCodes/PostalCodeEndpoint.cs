using Microsoft.AspNetCore.RateLimiting;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.PostalCodes;

/// <summary>
/// GET /postal-codes/{7 digits}: the address of a postcode as JSON (prefecture, city, town), for the member forms'
/// 郵便番号→住所 fill (wwwroot/js/request-form.js). 404 for a postcode Japan Post does not list, 400 for anything that
/// is not seven ASCII digits (the script converts full-width digits and drops the hyphen first). Public data, so no
/// sign-in; cached by browsers for a day; limited per client like the status look-up (AbuseProtection).
/// </summary>
public static class PostalCodeEndpoint
{
    public const string Route = "/postal-codes/{code}";

    public static IServiceCollection AddPostalCodes(this IServiceCollection services) =>
        services.AddSingleton<PostalCodeDirectory>();

    public static IEndpointRouteBuilder MapPostalCodes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, Find)
            .RequireRateLimiting(AbuseProtection.PostalCodePolicy)
            .AllowAnonymous();
        return endpoints;
    }

    internal static IResult Find(string code, PostalCodeDirectory directory, HttpContext context)
    {
        // A JSON body on every answer: the status-code pages (HTML) only replace empty error responses.
        if (!PostalCodeDirectory.IsWellFormed(code))
        {
            return Results.Json(new { error = Localized.Text("郵便番号は7桁の数字で指定してください。", "A postcode is seven digits.") },
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (directory.Find(code) is not { } address)
        {
            return Results.Json(new { error = Localized.Text("この郵便番号の住所は見つかりませんでした。", "No address is listed for this postcode.") },
                statusCode: StatusCodes.Status404NotFound);
        }

        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Json(new { prefecture = address.Prefecture, city = address.City, town = address.Town });
    }
}
