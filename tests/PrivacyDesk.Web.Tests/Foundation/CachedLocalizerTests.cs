using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// The localizers remember their answers (docs/benchmarks/pages.md, session 8), so an answer must be remembered for its
/// own UI culture only: the layout's text in English, then Japanese, then English again, from one localizer.
/// </summary>
public sealed class CachedLocalizerTests
{
    // What ViewLocalizer asks the factory for, for /Pages/Shared/_Layout.cshtml and /Pages/Requests/Form/_RequestForm.cshtml.
    private const string Application = "PrivacyDesk.Web";

    private static CachedStringLocalizerFactory Factory() => new(new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    [Fact]
    public void Each_answer_is_remembered_for_its_own_culture()
    {
        var layout = Factory().Create($"{Application}.Pages.Shared._Layout", Application);
        var original = CultureInfo.CurrentUICulture;
        try
        {
            var english = In("en", () => layout["本文へ移動"]);
            var japanese = In("ja-JP", () => layout["本文へ移動"]);
            var englishAgain = In("en", () => layout["本文へ移動"]);
            var japaneseAgain = In("ja-JP", () => layout["本文へ移動"]);

            Assert.Equal("Skip to main content", english.Value);
            Assert.False(english.ResourceNotFound);
            Assert.Equal("本文へ移動", japanese.Value);
            Assert.True(japanese.ResourceNotFound);
            Assert.Equal(english.Value, englishAgain.Value);
            Assert.Equal(japanese.Value, japaneseAgain.Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    [Fact]
    public void Texts_with_arguments_are_formatted_in_each_culture()
    {
        var form = Factory().Create($"{Application}.Pages.Requests.Form._RequestForm", Application);
        var original = CultureInfo.CurrentUICulture;
        try
        {
            Assert.Equal("入力内容に誤りがあります（3件）", In("ja-JP", () => form["入力内容に誤りがあります（{0}件）", 3]).Value);
            Assert.Contains("3", In("en", () => form["入力内容に誤りがあります（{0}件）", 3]).Value, StringComparison.Ordinal);
            Assert.DoesNotContain("入力内容", In("en", () => form["入力内容に誤りがあります（{0}件）", 3]).Value, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    [Fact]
    public void One_localizer_serves_each_view()
    {
        var factory = Factory();
        Assert.Same(factory.Create($"{Application}.Pages.Shared._Layout", Application), factory.Create($"{Application}.Pages.Shared._Layout", Application));
        Assert.NotSame(factory.Create($"{Application}.Pages.Shared._Layout", Application), factory.Create($"{Application}.Pages.Index", Application));
    }

    private static LocalizedString In(string culture, Func<LocalizedString> lookUp)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return lookUp();
    }
}
