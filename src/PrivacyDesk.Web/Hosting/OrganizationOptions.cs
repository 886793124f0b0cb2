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
