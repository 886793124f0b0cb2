using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright, the engine bundled in the package: nothing is downloaded) on the page as the
/// browser shows it. Serious and critical violations are problems; moderate and minor ones are left to review.
/// </summary>
public static class Accessibility
{
    public static async Task<List<string>> SeriousViolationsAsync(IPage page, string label)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{label}: axe {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString() ?? n.Html))}")
            .ToList();
    }
}
