using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright, the engine bundled in the package: nothing is downloaded) on the page as the
/// browser shows it. Serious and critical violations are problems; moderate and minor ones are left to review.
/// </summary>
/// <remarks>
/// Only violations are asked for: by default axe also gathers every passing, incomplete and inapplicable node of every
/// rule, with selectors and HTML, which the checks here never read and which cost most of axe's time on the long
/// member forms. Every rule still runs; only the report of what passed is left out.
/// </remarks>
public static class Accessibility
{
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    public static async Task<List<string>> SeriousViolationsAsync(IPage page, string label)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(ViolationsOnly);
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{label}: axe {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString() ?? n.Html))}")
            .ToList();
    }
}
