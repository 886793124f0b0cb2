using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace PrivacyDesk.Web.Pages.Requests.Form;

/// <summary>
/// The 47 prefectures as the options of a person's 都道府県 select, as HTML. They are the same for every member and in
/// both languages (the names are Japanese in the English form too) and carry nothing of the request, so the blank
/// form's list is encoded once per encoder and written as one piece: two selects per form GET, 94 options that were
/// written (and run through the option tag helper) one by one before (docs/benchmarks/pages.md, session 8). The markup
/// is exactly what the Razor loop wrote: each option on its own line, indented, the chosen one marked selected.
/// </summary>
public static class PrefectureOptions
{
    private static readonly ConditionalWeakTable<HtmlEncoder, HtmlString> Blank = new();

    /// <summary>The options after the "選択してください" one, with <paramref name="selected"/> (if one of them) selected.</summary>
    public static IHtmlContent Html(HtmlEncoder encoder, string? selected) =>
        selected is not null && RequestFormValidator.Prefectures.Contains(selected)
            ? Build(encoder, selected)
            : Blank.GetValue(encoder, static e => Build(e, selected: null));

    private static HtmlString Build(HtmlEncoder encoder, string? selected)
    {
        var html = new StringBuilder();
        foreach (var prefecture in RequestFormValidator.Prefectures)
        {
            var encoded = encoder.Encode(prefecture);
            html.Append("\n            <option value=\"").Append(encoded).Append('"')
                .Append(prefecture == selected ? " selected=\"selected\"" : string.Empty)
                .Append('>').Append(encoded).Append("</option>");
        }

        return new HtmlString(html.ToString());
    }
}
