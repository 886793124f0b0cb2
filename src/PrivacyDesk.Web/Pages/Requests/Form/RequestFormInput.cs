using PrivacyDesk.Domain.Text;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Web.Pages.Requests.Form;

/// <summary>
/// What a member (or staff keying in a posted form) enters. The same model and validator serve the three online
/// forms and postal intake, so the rules never drift apart.
/// </summary>
public sealed class RequestFormInput
{
    /// <summary>Secret key of the uploads already made for this form; carried in a hidden field.</summary>
    public string? DraftKey { get; set; }

    public List<RequestKind> Kinds { get; set; } = [];
    public RequesterType? RequesterType { get; set; }
    public PersonInput Principal { get; set; } = new();
    public PersonInput Agent { get; set; } = new();

    public string? DataDescription { get; set; }
    public string? CurrentContent { get; set; }
    public string? CorrectContent { get; set; }
    public List<StopUseGround> StopGrounds { get; set; } = [];
    public string? StopGroundDetail { get; set; }
    public DeliveryMethod? Delivery { get; set; }

    public DocumentType? PrincipalDocumentType { get; set; }
    public DocumentType? AuthorityDocumentType { get; set; }
    public DocumentType? AgentDocumentType { get; set; }

    /// <summary>住民票の写し or a utility bill, beside a person's ID that shows no address (a passport).</summary>
    public DocumentType? PrincipalAddressProofType { get; set; }

    /// <summary>The same beside the agent's ID.</summary>
    public DocumentType? AgentAddressProofType { get; set; }

    /// <summary>Issue date of the 戸籍謄本 or 登記事項証明書 (legal representatives), which must be recent.</summary>
    public DateFieldsInput AuthorityIssuedOn { get; set; } = new();

    /// <summary>Postal intake: the day the paper request arrived (the clock starts then).</summary>
    public DateFieldsInput ReceivedOn { get; set; } = new();

    /// <summary>Set by the page, never bound: online or post. Post needs no email and no consent box.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    [System.Text.Json.Serialization.JsonIgnore]
    public Channel Channel { get; set; } = Channel.Online;

    /// <summary>The member confirms that the information is true and agrees to how it is handled.</summary>
    public bool Consent { get; set; }

    /// <summary>Honeypot: hidden from people, filled in by bots. A filled-in value is never processed.</summary>
    public string? Website { get; set; }

    public bool HasAgent => RequesterType is Domain.People.RequesterType.VoluntaryAgent or Domain.People.RequesterType.LegalRepresentative;

    /// <summary>
    /// Removes bidirectional and zero-width characters from the free-text fields (names and addresses refuse them
    /// instead, in the validator), so that the confirmation step shows exactly what will be stored. True if any were.
    /// </summary>
    public bool RemoveInvisibleControls()
    {
        var before = (DataDescription, CurrentContent, CorrectContent, StopGroundDetail);
        DataDescription = Clean(DataDescription);
        CurrentContent = Clean(CurrentContent);
        CorrectContent = Clean(CorrectContent);
        StopGroundDetail = Clean(StopGroundDetail);
        return before != (DataDescription, CurrentContent, CorrectContent, StopGroundDetail);

        static string? Clean(string? text) => text is null ? null : Domain.Text.JapaneseText.RemoveInvisibleControls(text);
    }
}

public sealed class PersonInput
{
    public string? FullName { get; set; }
    public string? FullNameKana { get; set; }
    public DateFieldsInput BirthDate { get; set; } = new();
    public string? PostalCode { get; set; }
    public string? Prefecture { get; set; }
    public string? City { get; set; }
    public string? AddressLine { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? MemberNumber { get; set; }
    public string? MemberCoop { get; set; }
}

/// <summary>A date entered as separate year, month and day fields, as the Digital Agency design system advises.</summary>
public sealed class DateFieldsInput
{
    /// <summary>
    /// The era the year is counted in: empty for 西暦, or 令和, 平成, 昭和, 大正, 明治 (older members think in 昭和). The
    /// year must then be a year of that era and the date within it (昭和64年1月7日, not 1月8日).
    /// </summary>
    public string? Era { get; set; }

    public int? Year { get; set; }
    public int? Month { get; set; }
    public int? Day { get; set; }

    public bool IsEmpty => Year is null && Month is null && Day is null;

    public DateOnly? ToDate()
    {
        if (Year is not { } typed || Month is not (>= 1 and <= 12) || Day is not >= 1)
        {
            return null;
        }

        var era = JapaneseDate.Era(Era);
        if (!string.IsNullOrWhiteSpace(Era) && era is null)
        {
            return null;
        }

        var year = era is null ? typed : JapaneseDate.GregorianYear(era, typed) ?? 0;
        if (year is < 1868 or > 2100 || Day > DateTime.DaysInMonth(year, Month.Value))
        {
            return null;
        }

        var date = new DateOnly(year, Month.Value, Day.Value);
        return era is null || JapaneseDate.IsWithin(era, date) ? date : null;
    }
}
