using System.Text.Json;
using System.Text.Json.Serialization;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// axe-core (the engine bundled in Deque.AxeCore.Commons: nothing is downloaded) on the page as the browser shows it.
/// Serious and critical violations are problems; moderate and minor ones are left to review.
/// </summary>
/// <remarks>
/// axe runs in the page itself, once, with every rule, and only its violations come back. Deque's
/// <c>page.RunAxe()</c> did the same analysis but, per call, also opened a second page in the browser, injected the
/// 550-KB engine into both and finished the run there: 3 to 6 s a page under a loaded machine, about nine tenths of the
/// back-office screen check (ADR 0019). None of our pages has a frame, which is what that second page is for; a page
/// that gains one fails <see cref="SeriousViolationsAsync"/> rather than going unchecked.
/// </remarks>
public static class Accessibility
{
    private static readonly Lazy<string> Engine = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// axe.run on the whole document with every rule enabled (the engine's defaults), reporting violations only. The
    /// nodes are cut to three per rule in the page, as the message shows no more.
    /// </summary>
    private const string RunViolations =
        """
        async () => {
            const result = await window.axe.run(document, { resultTypes: ['violations'] });
            return JSON.stringify(result.violations.map(v => ({
                id: v.id, impact: v.impact ?? '', help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.map(String).join(' ') || n.html),
            })));
        }
        """;

    public static async Task<List<string>> SeriousViolationsAsync(IPage page, string label)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (await page.EvaluateAsync<int>("() => document.querySelectorAll('iframe, frame').length") > 0)
        {
            return [$"{label}: has a frame, which this accessibility check does not enter"];
        }

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync(Engine.Value);
        }

        var violations = JsonSerializer.Deserialize<Violation[]>(await page.EvaluateAsync<string>(RunViolations))!;
        return violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{label}: axe {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes)}")
            .ToList();
    }

    private sealed record Violation(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("impact")] string Impact,
        [property: JsonPropertyName("help")] string Help,
        [property: JsonPropertyName("nodes")] string[] Nodes);
}
