using System.Text.Encodings.Web;
using System.Text.Unicode;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Intake;
using PrivacyDesk.Web.Pages.Requests.Form;
using PrivacyDesk.Web.Pages.Staff.Intake;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// What keeps the member form's GET cheap (docs/benchmarks/pages.md, session 8) without changing the page: the page
/// models build nothing on a DbContext when constructed (the POST handlers take the draft store and the intake), and the
/// precomputed prefecture options are the markup the Razor loop wrote, with the chosen one selected.
/// </summary>
public sealed class FormGetCostTests
{
    // The app's encoder: Japanese reaches the browser as text (PrivacyDeskHost).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    [Theory]
    [InlineData(typeof(RequestFormPageModel))]
    [InlineData(typeof(PostalIntakeModel))]
    public void The_form_page_models_take_nothing_built_on_a_DbContext(Type pageModel)
    {
        var parameters = pageModel.GetConstructors().Single().GetParameters().Select(p => p.ParameterType).ToArray();
        Assert.NotEmpty(parameters);
        Assert.DoesNotContain(parameters, type => NeedsDbContext(type, depth: 3));
    }

    [Fact]
    public void The_store_and_the_intake_are_what_the_check_looks_for()
    {
        // Guards the test above: the services the GET must not build do need a DbContext.
        Assert.True(NeedsDbContext(typeof(UploadDraftStore), depth: 3));
        Assert.True(NeedsDbContext(typeof(RequestIntake), depth: 3));
    }

    [Fact]
    public void The_blank_prefecture_list_is_the_loop_s_markup()
    {
        var expected = string.Concat(RequestFormValidator.Prefectures.Select(p => $"\n            <option value=\"{p}\">{p}</option>"));
        Assert.Equal(47, RequestFormValidator.Prefectures.Count);
        Assert.Equal(expected, Html(null));
        Assert.Same(PrefectureOptions.Html(Encoder, null), PrefectureOptions.Html(Encoder, null));
    }

    [Fact]
    public void The_chosen_prefecture_is_selected_and_only_it()
    {
        var html = Html("東京都");
        Assert.Contains("\n            <option value=\"東京都\" selected=\"selected\">東京都</option>\n", html, StringComparison.Ordinal);
        Assert.Single(html.Split(" selected=", StringSplitOptions.None).Skip(1));
        Assert.Equal(Html(null), Html("東京"));
        Assert.Equal(Html(null), Html("<script>"));
    }

    private static string Html(string? selected)
    {
        using var writer = new StringWriter();
        PrefectureOptions.Html(Encoder, selected).WriteTo(writer, Encoder);
        return writer.ToString();
    }

    private static bool NeedsDbContext(Type type, int depth) =>
        typeof(PrivacyDeskDbContext).IsAssignableFrom(type)
        || (depth > 0 && type.IsClass && type.Namespace?.StartsWith("PrivacyDesk", StringComparison.Ordinal) == true
            && type.GetConstructors().Any(c => c.GetParameters().Any(p => NeedsDbContext(p.ParameterType, depth - 1))));
}
