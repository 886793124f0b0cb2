using System.Globalization;
using PrivacyDesk.Domain;

namespace PrivacyDesk.Web.Hosting;

/// <summary>Picks the Japanese or English text for the current UI culture. Japanese is the default.</summary>
public static class Localized
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Text(string japanese, string english) => IsEnglish ? english : japanese;

    public static string Text(Label label) => IsEnglish ? label.English : label.Japanese;

    public static string Message(DomainRuleException exception) => IsEnglish ? exception.English : exception.Japanese;
}
