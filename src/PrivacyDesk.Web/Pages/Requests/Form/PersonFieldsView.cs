using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace PrivacyDesk.Web.Pages.Requests.Form;

/// <summary>The view data of one person's fields (<c>_PersonFields</c>): the field-name prefix and whether the email is required.</summary>
public static class PersonFieldsView
{
    /// <summary>
    /// What <c>&lt;partial for="Input.Principal"&gt;</c> set up, without building the expression tree that <c>for</c>
    /// compiles to on every render: the partial's field names start with <paramref name="prefix"/>.
    /// </summary>
    public static ViewDataDictionary For(ViewDataDictionary parent, string prefix, bool emailRequired)
    {
        var viewData = new ViewDataDictionary(parent) { ["EmailRequired"] = emailRequired };
        viewData.TemplateInfo.HtmlFieldPrefix = viewData.TemplateInfo.GetFullHtmlFieldName(prefix);
        return viewData;
    }
}
