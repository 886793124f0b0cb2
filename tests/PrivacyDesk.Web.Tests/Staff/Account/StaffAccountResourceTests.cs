using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PrivacyDesk.Web.Tests.Staff.Account;

/// <summary>Every Japanese text of the staff account pages has an English entry, and no entry is left unused.</summary>
public sealed class StaffAccountResourceTests
{
    [Theory]
    [InlineData("Staff/Index")]
    [InlineData("Staff/Account/SignIn")]
    [InlineData("Staff/Account/TwoFactor")]
    [InlineData("Staff/Account/Enrol")]
    [InlineData("Staff/Account/SignOut")]
    [InlineData("Staff/Account/AccessDenied")]
    public void Every_localized_text_has_an_English_entry(string page)
    {
        var web = Path.Combine(RepositoryRoot(), "src", "PrivacyDesk.Web");
        var source = File.ReadAllText(Path.Combine(web, "Pages", page + ".cshtml"));
        var keys = Regex.Matches(source, @"L\[""((?:[^""\\]|\\.)*)""").Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.NotEmpty(keys);

        var entries = XDocument.Load(Path.Combine(web, "Resources", "Pages", page + ".en.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));
        var missing = keys.Where(k => !entries.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value)).ToArray();
        Assert.True(missing.Length == 0, $"{page} has no English for: {string.Join(" | ", missing)}");
        Assert.Empty(entries.Keys.Except(keys));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PrivacyDesk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }
}
