using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Fonts;
using PrivacyDesk.Letters.Layout;
using PrivacyDesk.Letters.Samples;

namespace PrivacyDesk.Letters.Tests;

/// <summary>
/// Every character a letter or blank form can print must have a glyph in the configured font: PDFsharp prints a
/// missing one as an empty box without any error (⑴ in IPAex Mincho did exactly that on every partial disclosure).
/// Checked here against the font's own character map, naming the character and where it comes from.
/// </summary>
public sealed partial class GlyphCoverageTests
{
    private static readonly FontCharacterMap Font =
        FontCharacterMap.Load(LetterFontLocator.Locate(new LetterOptions(), AppContext.BaseDirectory).RegularPath);

    [Fact]
    public void The_font_map_is_read_and_knows_what_the_font_lacks()
    {
        // Sanity of the reader itself: thousands of kanji and kana, and the circled-parenthesised digit it lacks.
        Assert.True(Font.Count > 5_000, $"only {Font.Count} characters read from the font");
        Assert.Empty(Font.Missing("個人情報の保護に関する法律第33条第2項（1）「記」以上〒・※□ヤマダ"));
        Assert.Equal([new Rune('⑴')], Font.Missing("方針7.⑴"));
    }

    [Fact]
    public void Every_composed_letter_and_blank_form_prints_only_characters_the_font_has()
    {
        var composer = new LetterComposer(LetterSamples.Settings);
        var forms = new BlankFormComposer(LetterSamples.Settings);
        var texts = new List<(string Where, string Text)>();
        foreach (var kind in LetterKinds.All)
        {
            texts.AddRange(TextsOf(composer.Compose(kind, LetterSamples.For(kind), LetterSamples.LetterDate), $"letter {kind}"));
        }

        foreach (var family in Enum.GetValues<RequestFamily>())
        {
            texts.AddRange(TextsOf(forms.Compose(family, LetterSamples.LetterDate), $"blank form {family}"));
        }

        texts.AddRange(TextsOf(forms.ComposePowerOfAttorney(), "power of attorney template"));

        AssertCovered(texts);
    }

    [Fact]
    public void Every_domain_label_prints_with_the_font()
    {
        // Labels name kinds, grounds, outcomes, documents … in letters; every value of every enum they take is checked.
        var texts = new List<(string Where, string Text)>();
        foreach (var method in typeof(Labels).GetMethods(BindingFlags.Public | BindingFlags.Static)
                     .Where(m => m.ReturnType == typeof(Label) && m.GetParameters() is [{ ParameterType.IsEnum: true }]))
        {
            foreach (var value in Enum.GetValues(method.GetParameters()[0].ParameterType))
            {
                var label = (Label)method.Invoke(null, [value])!;
                texts.Add(($"Labels.{method.Name}({value})", label.Japanese));
            }
        }

        Assert.NotEmpty(texts);
        AssertCovered(texts);
    }

    [Fact]
    public void Every_fixed_text_in_the_letter_sources_and_configured_defaults_prints_with_the_font()
    {
        // Branches no sample reaches still print their literals, so the sources are read too: each string literal of
        // the letters project and of the domain's labels and document rules, and the app's configured defaults.
        var root = RepositoryRoot();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src", "PrivacyDesk.Letters"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(root, "src", "PrivacyDesk.Domain", "Labels.cs"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src", "PrivacyDesk.Domain", "Documents"), "*.cs"));
        var texts = new List<(string Where, string Text)>();
        foreach (var path in sources)
        {
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match literal in StringLiteral().Matches(lines[i]))
                {
                    texts.Add(($"{Path.GetRelativePath(root, path)}:{i + 1}", literal.Groups[1].Value));
                }
            }
        }

        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src", "PrivacyDesk.Web", "appsettings.json")));
        foreach (var section in new[] { "Organization", "Letters" })
        {
            if (settings.RootElement.TryGetProperty(section, out var element))
            {
                CollectStrings(element, $"appsettings.json {section}", texts);
            }
        }

        Assert.True(texts.Count > 100, $"only {texts.Count} literals found: is the source tree where the test looks?");
        AssertCovered(texts);
    }

    private static void AssertCovered(IEnumerable<(string Where, string Text)> texts)
    {
        var faults = texts
            .SelectMany(t => Font.Missing(t.Text).Select(rune => $"U+{rune.Value:X4} '{rune}' in {t.Where}: \"{t.Text}\""))
            .Distinct()
            .ToList();
        Assert.True(faults.Count == 0,
            "The letter font has no glyph for these characters (write them with one it has, e.g. (1) for ⑴):\n" + string.Join("\n", faults));
    }

    private static IEnumerable<(string, string)> TextsOf(LetterDocument document, string where)
    {
        yield return ($"{where} title", document.Title);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Paragraph paragraph:
                    yield return (where, (paragraph.HangingPrefix ?? string.Empty) + paragraph.Text);
                    break;
                case Table table:
                    foreach (var cell in (table.Header ?? []).Concat(table.Rows.SelectMany(r => r)))
                    {
                        yield return (where, cell);
                    }

                    break;
                case Boxed boxed:
                    foreach (var line in boxed.Lines)
                    {
                        yield return (where, line);
                    }

                    break;
            }
        }
    }

    private static void CollectStrings(JsonElement element, string where, List<(string, string)> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add((where, element.GetString()!));
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectStrings(property.Value, $"{where}:{property.Name}", texts);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectStrings(item, where, texts);
                }

                break;
        }
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

        throw new InvalidOperationException("PrivacyDesk.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A C# string literal ("…", $"…", @"…") holding at least one non-ASCII character; escapes are rare here.</summary>
    [GeneratedRegex(@"[$@]*""((?:[^""\\]|\\.)*[^\x00-\x7F](?:[^""\\]|\\.)*)""", RegexOptions.CultureInvariant)]
    private static partial Regex StringLiteral();
}
