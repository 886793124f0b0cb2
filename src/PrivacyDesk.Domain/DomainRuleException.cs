namespace PrivacyDesk.Domain;

/// <summary>
/// A broken domain rule. Carries a stable code for callers and tests, and the message in Japanese
/// (what users read first) and English (the UI's alternative language).
/// </summary>
public class DomainRuleException : InvalidOperationException
{
    public DomainRuleException(string code, string japanese, string english)
        : base(japanese)
    {
        Code = code;
        Japanese = japanese;
        English = english;
    }

    public string Code { get; }
    public string Japanese { get; }
    public string English { get; }

    /// <summary>The message in the language the caller shows: English for "en", Japanese otherwise.</summary>
    public string MessageFor(string twoLetterLanguage) =>
        string.Equals(twoLetterLanguage, "en", StringComparison.OrdinalIgnoreCase) ? English : Japanese;
}
