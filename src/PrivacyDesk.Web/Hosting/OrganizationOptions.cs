using PrivacyDesk.Domain.Documents;

namespace PrivacyDesk.Web.Hosting;

/// <summary>
/// Who answers the requests and where members send them. The defaults are the seed's 総務部 details
/// (privacy policy §7(4)ウ and §9); a deployment overrides them in configuration (section "Organization").
/// </summary>
public sealed class OrganizationOptions
{
    public const string Section = "Organization";

    public string Name { get; set; } = "生活クラブ事業連合生活協同組合連合会";
    public string NameEnglish { get; set; } = "Seikatsu Club Consumers' Co-operative Union";
    public string Department { get; set; } = "総務部";
    public string DepartmentEnglish { get; set; } = "General Affairs Department";
    public string PostalCode { get; set; } = "160-0022";
    public string Address { get; set; } = "東京都新宿区新宿6-24-20（5F）";
    public string Phone { get; set; } = "03-5285-1771";
    public string? Email { get; set; }
    public string ReceptionHours { get; set; } = "平日 9:00〜17:00（土日祝日・年末年始を除く）";

    /// <summary>The public address of this app, used in status links printed on letters and sent by email.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public FeeOptions Fee { get; set; } = new();
    public BankAccountOptions BankAccount { get; set; } = new();

    /// <summary>How many months a 戸籍謄本 or 登記事項証明書 stays acceptable after issue (co-ops use 3 or 6).</summary>
    public int RelationshipDocumentMaxAgeMonths { get; set; } = 3;

    /// <summary>Internal response target in days (APPI Art. 39: two weeks).</summary>
    public int ResponseTargetDays { get; set; } = 14;

    /// <summary>
    /// The accepted identity documents, each with its checklist points and the last day it is accepted. Null (not
    /// configured) means <see cref="IdentityDocumentCatalogue.Default"/>. A list rather than a default value here,
    /// because configuration binding appends to a list that already has items.
    /// </summary>
    public List<IdentityDocumentOptions>? IdentityDocuments { get; set; }

    /// <summary>What proves an address beside an ID without one, and how recent it must be.</summary>
    public AddressProofOptions AddressProof { get; set; } = new();

    /// <summary>The one list of accepted ID documents that pages, forms, letters and the ID check read.</summary>
    public IdentityDocumentCatalogue IdentityDocumentCatalogue() =>
        new(ConfiguredDocuments(), ConfiguredAddressProofs(), AddressProof.MaxAgeMonths);

    /// <summary>The catalogue's problems (empty when usable), for start-up validation.</summary>
    public IReadOnlyList<PrivacyDesk.Domain.Label> IdentityDocumentProblems() =>
        PrivacyDesk.Domain.Documents.IdentityDocumentCatalogue.Problems(ConfiguredDocuments(), ConfiguredAddressProofs(), AddressProof.MaxAgeMonths);

    private IReadOnlyList<AcceptedIdentityDocument> ConfiguredDocuments() =>
        IdentityDocuments is { Count: > 0 } configured
            ? configured.Select(d => new AcceptedIdentityDocument(d.Type, d.Checks ?? [], d.AcceptedUntil)).ToArray()
            : PrivacyDesk.Domain.Documents.IdentityDocumentCatalogue.Default.Documents;

    private IReadOnlyList<DocumentType> ConfiguredAddressProofs() =>
        AddressProof.Documents is { Count: > 0 } proofs ? proofs : PrivacyDesk.Domain.Documents.IdentityDocumentCatalogue.Default.AddressProofs;
}

/// <summary>One accepted ID document (section <c>Organization:IdentityDocuments</c>, one entry per document).</summary>
public sealed class IdentityDocumentOptions
{
    /// <summary>MyNumberCardFront, DriversLicence, HealthInsuranceCard, QualificationCertificate or Passport.</summary>
    public DocumentType Type { get; set; }

    /// <summary>Its own checklist points: NoMyNumberCardBack, InsurerNumbersMasked, AddressProof.</summary>
    public List<DocumentCheck>? Checks { get; set; }

    /// <summary>The last day the document is accepted (the 健康保険被保険者証: 2025-12-01); empty for no end.</summary>
    public DateOnly? AcceptedUntil { get; set; }
}

/// <summary>The proofs of address beside an ID without one (section <c>Organization:AddressProof</c>).</summary>
public sealed class AddressProofOptions
{
    /// <summary>ResidentRecordCopy (住民票の写し) and/or UtilityBill (公共料金の領収書); empty means both.</summary>
    public List<DocumentType>? Documents { get; set; }

    /// <summary>How recent the proof must be, in months (1–12; default 3).</summary>
    public int MaxAgeMonths { get; set; } = 3;
}

public sealed class FeeOptions
{
    /// <summary>The fee per family (a) request, in yen (seed: 1回の請求につき1,000円).</summary>
    public int DisclosureFeeYen { get; set; } = 1_000;
}

/// <summary>
/// The account printed for the fee transfer. Empty until the co-op configures its own: members are then told to ask
/// the office for it (never shown a placeholder), and start-up logs a warning (<see cref="BankAccountCheck"/>).
/// </summary>
public sealed class BankAccountOptions
{
    public string BankName { get; set; } = string.Empty;
    public string BranchName { get; set; } = string.Empty;
    public string AccountType { get; set; } = "普通";
    public string AccountNumber { get; set; } = string.Empty;
    public string AccountHolder { get; set; } = "セイカツクラブジギョウレンゴウセイカツキョウドウクミアイレンゴウカイ";

    /// <summary>A bank and an account number are configured (a branch is not required: ゆうちょ accounts have none).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(BankName) && !string.IsNullOrWhiteSpace(AccountNumber);

    /// <summary>Bank, branch, type and number on one line.</summary>
    public string OneLine => string.Join(' ', new[] { BankName, BranchName, AccountType, AccountNumber }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>What members read where the account would be, while none is configured.</summary>
    public static string AskTheOffice(OrganizationOptions org) =>
        Localized.Text(
            $"振込先の口座は、お問い合わせ窓口（電話 {org.Phone}）にお問い合わせください。",
            $"Please ask the office (telephone {org.Phone}) for the account to transfer the fee to.");
}

/// <summary>Warns at start-up while no fee account is configured: members are told to ask the office instead.</summary>
internal sealed class BankAccountCheck(Microsoft.Extensions.Options.IOptions<OrganizationOptions> options, ILogger<BankAccountCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.BankAccount.IsConfigured)
        {
            logger.LogWarning(
                "No fee account is configured (Organization:BankAccount:BankName, AccountNumber): members are asked to call the office for it. " +
                "手数料の振込先口座が設定されていません。");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
