using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages;

/// <summary>
/// The public landing page: what can be requested (the three families of seed §7), the fee, the documents each
/// requester type sends, where to post a request, the anonymised information the co-op provides (seed §8), and whom
/// to ask. Everything that differs between co-ops comes
/// from <see cref="OrganizationOptions"/>.
/// </summary>
public sealed class IndexModel(
    IOptions<OrganizationOptions> organization,
    PrivacyDesk.Domain.Fees.FeePolicy feePolicy,
    IdentityDocumentCatalogue catalogue,
    TimeProvider clock) : PageModel
{
    public OrganizationOptions Org { get; } = organization.Value;

    /// <summary>Today in Japan: which ID documents are accepted depends on it (a lapsed card is named as lapsed).</summary>
    public DateOnly Today { get; } = PrivacyDesk.Domain.Text.JapaneseText.JstDate(clock.GetUtcNow());

    public IdentityDocumentCatalogue Catalogue { get; } = catalogue;

    /// <summary>"ja" or "en", from the request's UI culture.</summary>
    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public bool IsEnglish => Language == "en";

    public IReadOnlyList<FamilySummary> Families { get; } =
        Enum.GetValues<RequestFamily>().Select(family => new FamilySummary(
            family,
            SiteLinks.FamilyLetter(family),
            Labels.Family(family),
            RequestKinds.Of(family).Select(Labels.Kind).ToArray(),
            SiteLinks.OnlineRequest(family),
            SiteLinks.PostalForm(family),
            feePolicy.AmountDueYen(family))).ToArray();

    public IReadOnlyList<RequesterDocuments> Requesters => Enum.GetValues<RequesterType>().Select(type => new RequesterDocuments(
        type, Labels.RequesterType(type), DocumentRequirements.For(type, Catalogue, Today))).ToArray();

    /// <summary>The ID documents accepted today, from the one configured list.</summary>
    public IReadOnlyList<AcceptedIdentityDocument> IdentityDocuments => Catalogue.AcceptedOn(Today);

    public IReadOnlyList<Label> NonDisclosureGrounds { get; } =
        DecisionRules.DisclosureGrounds.Select(Labels.Ground).ToArray();

    /// <summary>
    /// The items of the anonymised information (匿名加工情報) the co-op produces, as the seed's policy §8 publishes them
    /// (APPI Art. 43(3)); the page repeats the publication, it does not decide it.
    /// </summary>
    public static IReadOnlyList<Label> AnonymisedItems { get; } =
    [
        new("性別", "Sex"),
        new("生年", "Year of birth"),
        new("購入履歴", "Purchase history"),
    ];

    /// <summary>How that information is provided to third parties (seed §8 ⑵, APPI Art. 43(4)).</summary>
    public static IReadOnlyList<Label> AnonymisedProvisionMethods { get; } =
    [
        new("電子メールによる送信", "Sending by email"),
        new("CD-ROM、USB等の外部記憶媒体の送付", "Sending an external storage medium such as a CD-ROM or USB drive"),
        new("サーバへのアップロード", "Uploading to a server"),
    ];

    /// <summary>The disclosure fee as printed: "1,000" (the view adds 円 or ¥).</summary>
    public string FeeAmount => Yen(Org.Fee.DisclosureFeeYen);

    public string Text(Label label) => label.For(Language);

    public static string Yen(int amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

    public void OnGet()
    {
    }

    public sealed record FamilySummary(
        RequestFamily Family,
        string Letter,
        Label Name,
        IReadOnlyList<Label> Kinds,
        string OnlineUrl,
        string PostalFormUrl,
        int FeeYen);

    public sealed record RequesterDocuments(RequesterType Type, Label Name, IReadOnlyList<DocumentRequirement> Documents);
}

/// <summary>
/// The public addresses the layout and the landing page link to. The request pages and the postal forms are built
/// elsewhere; these are the URLs they answer on.
/// </summary>
public static class SiteLinks
{
    public const string Home = "/";
    public const string Status = "/requests/status";

    /// <summary>The 委任状 template for a request through an appointed agent.</summary>
    public const string PowerOfAttorney = "/forms/power-of-attorney.pdf";

    public static string OnlineRequest(RequestFamily family) => family switch
    {
        RequestFamily.Disclosure => "/requests/disclosure",
        RequestFamily.Correction => "/requests/correction",
        RequestFamily.StopUse => "/requests/stop-use",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public static string PostalForm(RequestFamily family) => family switch
    {
        RequestFamily.Disclosure => "/forms/disclosure.pdf",
        RequestFamily.Correction => "/forms/correction.pdf",
        RequestFamily.StopUse => "/forms/stop-use.pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    /// <summary>The letter the policy uses for a family: (a), (b) or (c).</summary>
    public static string FamilyLetter(RequestFamily family) => family switch
    {
        RequestFamily.Disclosure => "(a)",
        RequestFamily.Correction => "(b)",
        RequestFamily.StopUse => "(c)",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };
}
