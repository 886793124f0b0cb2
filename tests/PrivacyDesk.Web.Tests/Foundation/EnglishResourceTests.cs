using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// Finds every Razor view that passes Japanese text to the view localizer (<c>L["…"]</c>) and checks the English .resx
/// named after the view's own path (a partial is localized from its own path, not its page's): every key has a
/// non-empty English value with the same {n} placeholders, and no entry is left over. A new view or a new Japanese
/// string without English fails here.
/// </summary>
public sealed partial class EnglishResourceTests
{
    private static readonly string Web = Path.Combine(RepositoryRoot(), "src", "PrivacyDesk.Web");

    public static TheoryData<string> LocalizedViews() => new(ViewsWithKeys());

    private static IEnumerable<string> ViewsWithKeys() =>
        Directory.EnumerateFiles(Path.Combine(Web, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .Where(view => Keys(view).Length > 0)
            .Select(view => Path.GetRelativePath(Web, view).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void The_views_of_every_area_are_found()
    {
        var views = ViewsWithKeys().ToArray();
        foreach (var expected in new[] { "Pages/Index.cshtml", "Pages/Shared/_Layout.cshtml", "Pages/Requests/Form/_RequestForm.cshtml",
                     "Pages/Staff/Account/SignIn.cshtml", "Pages/Staff/Queue/Index.cshtml", "Pages/Staff/Intake/Index.cshtml" })
        {
            Assert.Contains(expected, views);
        }
    }

    [Theory]
    [MemberData(nameof(LocalizedViews))]
    public void Every_localized_text_has_an_English_entry(string view)
    {
        var keys = Keys(Path.Combine(Web, view));
        var resx = Path.Combine("Resources", Path.ChangeExtension(view, ".en.resx"));
        Assert.True(File.Exists(Path.Combine(Web, resx)), $"{view} uses L[\"…\"] but {resx} is missing");

        var entries = XDocument.Load(Path.Combine(Web, resx)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));
        var missing = keys.Where(k => !entries.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value)).ToArray();
        Assert.True(missing.Length == 0, $"{resx} has no English for: {string.Join(" | ", missing)}");
        var unused = entries.Keys.Except(keys).ToArray();
        Assert.True(unused.Length == 0, $"{resx} has entries that {view} no longer uses: {string.Join(" | ", unused)}");

        foreach (var key in keys)
        {
            // Placeholders must survive translation, and an English value is English (a Japanese name may appear in it);
            // a value may also be only its placeholders, when the English label passed in says it all.
            Assert.Equal(Placeholder().Matches(key).Select(m => m.Value).Order(), Placeholder().Matches(entries[key]!).Select(m => m.Value).Order());
            var text = Placeholder().Replace(entries[key]!, string.Empty).Trim();
            Assert.True(text.Length == 0 || Regex.IsMatch(text, "[A-Za-z]"), $"{resx}: the English for 「{key}」 is not English: {entries[key]}");
        }
    }

    private static string[] Keys(string viewPath) =>
        LocalizerKey().Matches(File.ReadAllText(viewPath))
            .Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal))
            .Distinct()
            .ToArray();

    [GeneratedRegex(@"L\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PrivacyDesk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PrivacyDesk.sln) was not found above the test output.");
    }
}
