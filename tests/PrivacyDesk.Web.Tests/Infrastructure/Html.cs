using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PrivacyDesk.Web.Tests.Infrastructure;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The page's visible text, whitespace collapsed, for content assertions.</summary>
    public static string Text(this IDocument document) =>
        System.Text.RegularExpressions.Regex.Replace(document.Body?.TextContent ?? string.Empty, @"\s+", " ");

    public static string AntiforgeryToken(this IDocument document) =>
        document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");
}
