using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>Sample people, documents, payments and decisions with valid Japanese data.</summary>
internal static class TestData
{
    public const string Staff = "staff-001";
    public const string Supervisor = "supervisor-001";

    public static readonly TimeSpan JstOffset = TimeSpan.FromHours(9);

    /// <summary>Monday 2 November 2026, 10:00 JST.</summary>
    public static readonly DateTimeOffset ReceivedAt = Jst(2026, 11, 2, 10, 0);

    public static DateTimeOffset Jst(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, JstOffset);

    public static Person Principal() => new(
        PartyRole.Principal,
        "山田　太郎",
        "やまだ　たろう",
        new DateOnly(1980, 4, 1),
        "〒160-0022",
        "東京都",
        "新宿区",
        "新宿6-24-20",
        "03-5285-1771",
        "taro.yamada@example.jp",
        "１２３４５６７",
        "生活クラブ東京");

    public static Person Agent() => new(
        PartyRole.Agent,
        "佐藤 花子",
        "ｻﾄｳ ﾊﾅｺ",
        new DateOnly(1975, 9, 12),
        "5300001",
        "大阪府",
        "大阪市北区",
        "梅田1-1-1",
        "090-1234-5678",
        null);

    public static IdentityDocument Document(DocumentRole role, DocumentType type, DateOnly? issuedOn = null) =>
        new(role, type, "image/jpeg", 120_000, new string('a', 64), ReceivedAt, issuedOn);

    /// <summary>A complete, valid set of documents for the requester type.</summary>
    public static IReadOnlyList<IdentityDocument> CompleteDocuments(RequesterType requesterType) => requesterType switch
    {
        RequesterType.Principal => [Document(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence)],
        RequesterType.VoluntaryAgent =>
        [
            Document(DocumentRole.PrincipalIdentity, DocumentType.HealthInsuranceCard),
            Document(DocumentRole.Authority, DocumentType.PowerOfAttorney),
            Document(DocumentRole.AgentIdentity, DocumentType.Passport),

            // A passport shows no address: the agent's address comes from a 住民票の写し.
            Document(DocumentRole.AgentAddressProof, DocumentType.ResidentRecordCopy),
        ],
        RequesterType.LegalRepresentative =>
        [
            Document(DocumentRole.PrincipalIdentity, DocumentType.MyNumberCardFront),
            Document(DocumentRole.Authority, DocumentType.FamilyRegisterCopy, new DateOnly(2026, 10, 20)),
            Document(DocumentRole.AgentIdentity, DocumentType.DriversLicence),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(requesterType)),
    };

    public static void AttachCompleteDocuments(PrivacyRequest request)
    {
        foreach (var document in CompleteDocuments(request.RequesterType))
        {
            request.AttachDocument(document);
        }
    }

    public static FeePayment Payment(int amountYen, DateTimeOffset recordedAt, string recordedBy = Staff) =>
        new(amountYen, DateOnly.FromDateTime(recordedAt.Date), PaymentMethod.BankTransfer, "ﾔﾏﾀﾞ ﾀﾛｳ", recordedBy, recordedAt);

    /// <summary>A second supervisor: the other pair of eyes for decisions entered by <see cref="Supervisor"/>.</summary>
    public const string SecondSupervisor = "supervisor-002";

    public const string DecisionReason = "当会の業務の適正な実施に著しい支障を及ぼすおそれがあるため。";

    /// <summary>What was done, as the member is told it (KindDecision.Detail for outcome Done).</summary>
    public const string DoneDetail = "組合員登録の住所を「東京都新宿区新宿6-24-20」に訂正しました。";

    /// <summary>What is disclosed (KindDecision.Content of a kind disclosed in full or in part).</summary>
    public const string DisclosedContent = "氏名：山田 太郎／住所：東京都新宿区新宿6-24-20／2025年度の利用履歴：別紙のとおり";

    /// <summary>
    /// A decision that answers every kind of the request with the same outcome, with grounds, reason, detail and
    /// disclosed content exactly as the rules need them.
    /// </summary>
    public static Decision DecisionFor(PrivacyRequest request, KindOutcome outcome, DateTimeOffset at, string decidedBy = Supervisor) =>
        DecisionOf(request.Kinds.Select(k => Outcome(k, outcome)), at, decidedBy);

    /// <summary>A decision of the given outcomes (each carrying its own content where it discloses something).</summary>
    public static Decision DecisionOf(IEnumerable<KindDecision> outcomes, DateTimeOffset at, string decidedBy = Supervisor) =>
        new(outcomes.ToList(), decidedBy, at);

    public static KindDecision Outcome(RequestKind kind, KindOutcome outcome) => new(
        kind,
        outcome,
        DecisionRules.NeedsGrounds(outcome) ? [GroundFor(kind)] : null,
        DecisionRules.NeedsReason(outcome) ? DecisionReason : null,
        outcome == KindOutcome.Done ? DoneDetail : null,
        DisclosesSomething(kind, outcome) ? DisclosedContent : null);

    /// <summary>A ground that fits the kind, written out independently: purposes are refused on Art. 32(2), the rest on ①–④.</summary>
    public static NonDisclosureGround GroundFor(RequestKind kind) =>
        kind == RequestKind.PurposeOfUseNotice ? NonDisclosureGround.PurposeNoticeHarmsCoop : NonDisclosureGround.SeriousHindranceToBusiness;

    /// <summary>
    /// Written out independently of <see cref="DecisionRules.DisclosesContent"/>: disclosing data or provision records
    /// in full or in part hands something over; a purpose-of-use notice is the published purposes, not a compilation.
    /// </summary>
    public static bool DisclosesSomething(RequestKind kind, KindOutcome outcome) =>
        kind is RequestKind.Disclosure or RequestKind.ThirdPartyProvisionRecordDisclosure
        && outcome is KindOutcome.FullDisclosure or KindOutcome.PartialDisclosure;

    /// <summary>Decides (four-eyes: decided by <paramref name="decidedBy"/>) and has another supervisor approve it.</summary>
    public static Decision DecideAndApprove(PrivacyRequest request, KindOutcome outcome, DateTimeOffset at, string decidedBy = Supervisor)
    {
        var decision = DecisionFor(request, outcome, at, decidedBy);
        request.Decide(decision);
        request.ApproveDecision(decidedBy == SecondSupervisor ? Supervisor : SecondSupervisor, at.AddHours(1));
        return decision;
    }

    /// <summary>Every point of the ID checklist for the request's requester type: what staff confirm to accept.</summary>
    public static IReadOnlyCollection<IdentityCheckItem> FullChecklist(PrivacyRequest request) => IdentityChecklist.For(request.RequesterType);

    /// <summary>The statuses of the history, oldest first.</summary>
    public static RequestStatus[] Statuses(PrivacyRequest request) => request.StatusHistory.Select(c => c.To).ToArray();
}

/// <summary>
/// Everything a refused operation must leave as it was: status, history, the clock, the ID checks, the decision and its
/// approval, money, documents and the concurrency version. Compare a snapshot taken before with one taken after.
/// </summary>
internal sealed record RequestSnapshot(
    RequestStatus Status,
    bool IsOpen,
    int HistoryCount,
    StatusChange LastChange,
    int IdentityCheckCount,
    Decision? Decision,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? ClockPausedSince,
    TimeSpan PausedTotal,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ClosedAt,
    int PaymentCount,
    int DocumentCount,
    int Version)
{
    public static RequestSnapshot Of(PrivacyRequest request) => new(
        request.Status,
        request.IsOpen,
        request.StatusHistory.Count,
        request.StatusHistory[^1],
        request.IdentityChecks.Count,
        request.Decision,
        request.Decision?.ApprovedBy,
        request.Decision?.ApprovedAt,
        request.DueAt,
        request.ClockPausedSince,
        request.PausedTotal,
        request.CompletedAt,
        request.ClosedAt,
        request.Payments.Count,
        request.Documents.Count,
        request.Version);
}

/// <summary>Builds a valid request of a family; each With… changes one thing so that a test can break one rule.</summary>
internal sealed class RequestBuilder
{
    private RequestFamily family;
    private IEnumerable<RequestKind> kinds;
    private RequesterType requesterType = RequesterType.Principal;
    private Func<Person> principal = TestData.Principal;
    private Func<Person?> agent = () => null;
    private RequestDetails details;
    private DateTimeOffset receivedAt = TestData.ReceivedAt;
    private DateTimeOffset now = TestData.ReceivedAt;
    private FeePolicy feePolicy = new();
    private DeadlineClock deadlineClock = new();
    private Channel channel = Channel.Online;

    private RequestBuilder(RequestFamily family, IEnumerable<RequestKind> kinds, RequestDetails details)
    {
        this.family = family;
        this.kinds = kinds;
        this.details = details;
    }

    public static RequestDetails DisclosureDetails => new(
        "組合員登録情報および2025年度の利用履歴",
        Delivery: DeliveryMethod.Electronic);

    public static RequestDetails CorrectionDetails => new(
        "組合員登録の住所",
        CurrentContent: "東京都新宿区新宿1-1-1",
        CorrectContent: "東京都新宿区新宿6-24-20");

    public static RequestDetails StopUseDetails => new(
        "ダイレクトメール送付のための氏名・住所",
        StopGrounds: [StopUseGround.NoLongerNeeded],
        StopGroundDetail: "退会済みのため");

    public static RequestBuilder Disclosure() =>
        new(RequestFamily.Disclosure, [RequestKind.Disclosure], DisclosureDetails);

    public static RequestBuilder Correction() =>
        new(RequestFamily.Correction, [RequestKind.Correction], CorrectionDetails);

    public static RequestBuilder StopUse() =>
        new(RequestFamily.StopUse, [RequestKind.StopOfUse], StopUseDetails);

    public static RequestBuilder Of(RequestFamily family) => family switch
    {
        RequestFamily.Disclosure => Disclosure(),
        RequestFamily.Correction => Correction(),
        RequestFamily.StopUse => StopUse(),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public RequestBuilder WithKinds(params RequestKind[] value)
    {
        kinds = value;
        return this;
    }

    public RequestBuilder WithFamily(RequestFamily value)
    {
        family = value;
        return this;
    }

    /// <summary>Sets the requester type and a matching agent (none for the principal).</summary>
    public RequestBuilder By(RequesterType value)
    {
        requesterType = value;
        agent = value == RequesterType.Principal ? () => null : TestData.Agent;
        return this;
    }

    public RequestBuilder WithRequesterType(RequesterType value)
    {
        requesterType = value;
        return this;
    }

    public RequestBuilder WithAgent(Func<Person?> value)
    {
        agent = value;
        return this;
    }

    public RequestBuilder WithPrincipal(Func<Person> value)
    {
        principal = value;
        return this;
    }

    public RequestBuilder WithDetails(RequestDetails value)
    {
        details = value;
        return this;
    }

    public RequestBuilder ReceivedAt(DateTimeOffset value, DateTimeOffset? createdAt = null)
    {
        receivedAt = value;
        now = createdAt ?? value;
        return this;
    }

    public RequestBuilder WithFeePolicy(FeePolicy value)
    {
        feePolicy = value;
        return this;
    }

    public RequestBuilder WithDeadlineClock(DeadlineClock value)
    {
        deadlineClock = value;
        return this;
    }

    public RequestBuilder Via(Channel value)
    {
        channel = value;
        return this;
    }

    public PrivacyRequest Build() => new(
        ReferenceNumber.Format(2026, 123),
        AccessToken.Hash("test-token"),
        family,
        kinds,
        channel,
        requesterType,
        principal(),
        agent(),
        details,
        receivedAt,
        feePolicy,
        deadlineClock,
        PrivacyRequest.MemberActor,
        now);
}
