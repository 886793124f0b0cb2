using PrivacyDesk.Domain.Closing;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Requests;

/// <summary>What the member describes: the data concerned and, per family, what they want done.</summary>
public sealed record RequestDetails(
    string DataDescription,
    string? CurrentContent = null,
    string? CorrectContent = null,
    IReadOnlyList<StopUseGround>? StopGrounds = null,
    string? StopGroundDetail = null,
    DeliveryMethod? Delivery = null);

/// <summary>
/// A privacy-rights request under APPI. Every change of status goes through <see cref="RequestStatusMachine"/> and is
/// recorded in <see cref="StatusHistory"/>, from which the deadline clock is computed. Every public change method raises
/// a domain event (<see cref="Domain.Events"/>), which becomes the change's audit row when it is saved (ADR 0014).
/// </summary>
public sealed class PrivacyRequest : IEventSource
{
    public const string MemberActor = "member";
    public const string SystemActor = "system";

    private readonly List<StatusChange> statusHistory = [];
    private readonly List<IdentityDocument> documents = [];
    private readonly List<FeePayment> payments = [];
    private readonly List<IdentityCheck> identityChecks = [];
    private readonly List<ContactCorrection> contactCorrections = [];
    private readonly RaisedEvents raised = new();

    private PrivacyRequest()
    {
        ReferenceNumber = AccessTokenHash = DataDescription = string.Empty;
        Principal = null!;
    }

    public PrivacyRequest(
        string referenceNumber,
        string accessTokenHash,
        RequestFamily family,
        IEnumerable<RequestKind> kinds,
        Channel channel,
        RequesterType requesterType,
        Person principal,
        Person? agent,
        RequestDetails details,
        DateTimeOffset receivedAt,
        FeePolicy feePolicy,
        DeadlineClock deadlineClock,
        string actor,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(feePolicy);
        ArgumentNullException.ThrowIfNull(deadlineClock);
        if (principal.Role != PartyRole.Principal)
        {
            throw new ArgumentException("The principal must have the principal role.", nameof(principal));
        }

        if (requesterType == RequesterType.Principal && agent is not null)
        {
            throw new DomainRuleException("agent.unexpected",
                "ご本人による請求では、代理人の情報は不要です。",
                "A request by the person themselves has no agent.");
        }

        if (requesterType != RequesterType.Principal && agent is null)
        {
            throw new DomainRuleException("agent.missing",
                "代理人による請求では、代理人の氏名・連絡先が必要です。",
                "A request through an agent needs the agent's details.");
        }

        if (agent is not null && agent.Role != PartyRole.Agent)
        {
            throw new ArgumentException("The agent must have the agent role.", nameof(agent));
        }

        if (receivedAt > now + TimeSpan.FromMinutes(5))
        {
            throw new DomainRuleException("receivedAt.future",
                "受付日に未来の日付は指定できません。",
                "The date of receipt cannot be in the future.");
        }

        Id = Guid.CreateVersion7();
        ReferenceNumber = referenceNumber;
        AccessTokenHash = accessTokenHash;
        Family = family;
        Kinds = RequestKinds.Validate(family, kinds).ToList();
        Channel = channel;
        RequesterType = requesterType;
        Principal = principal;
        PrincipalId = principal.Id;
        PrincipalNameKey = JapaneseText.NameKey(principal.FullName);
        PrincipalKanaKey = principal.SearchKana;
        PrincipalFamilyNameKey = JapaneseText.FamilyNameKey(principal.FullName);
        PrincipalFamilyKanaKey = JapaneseText.FamilyKanaKey(principal.FullNameKana);
        PrincipalDuplicateKey = principal.DuplicateKey;
        PrincipalName = principal.FullName;
        Agent = agent;
        AgentId = agent?.Id;
        ApplyDetails(details);
        ReceivedAt = receivedAt;
        CreatedAt = now;
        FeeDueYen = feePolicy.AmountDueYen(family);
        Status = RequestStatus.Received;
        IsOpen = true;
        ResponseTargetDays = deadlineClock.TargetDays;
        statusHistory.Add(new StatusChange(null, RequestStatus.Received, receivedAt, actor, null));
        ApplyClock(DeadlineClock.Advance(DeadlineProgress.Start, receivedAt, RequestStatus.Received, RequestStatus.Received, receivedAt));
        raised.Add(new RequestFiled(Id, ReferenceNumber, Family, Kinds.ToArray(), Channel, RequesterType));
    }

    IReadOnlyList<IDomainEvent> IEventSource.TakeEvents() => raised.Take();

    public Guid Id { get; private set; }

    /// <summary>e.g. PD-2026-000123: printed on letters, quoted by the member.</summary>
    public string ReferenceNumber { get; private set; }

    /// <summary>SHA-256 of the status-link secret; the secret itself is never stored.</summary>
    public string AccessTokenHash { get; private set; }

    public RequestFamily Family { get; private set; }
    public List<RequestKind> Kinds { get; private set; } = [];
    public Channel Channel { get; private set; }
    public RequesterType RequesterType { get; private set; }

    public Guid PrincipalId { get; private set; }
    public Person Principal { get; private set; }

    /// <summary>
    /// The principal's name without spaces (<see cref="JapaneseText.NameKey"/>), kept on the request so that the staff
    /// queue finds a name and sorts by deadline through one index, however many requests there are. A person's name
    /// on a request does not change once filed.
    /// </summary>
    public string PrincipalNameKey { get; private set; } = string.Empty;

    /// <summary>The principal's kana search key (<see cref="Person.SearchKana"/>), kept here for the same reason.</summary>
    public string PrincipalKanaKey { get; private set; } = string.Empty;

    /// <summary>The principal's family name alone (<see cref="JapaneseText.FamilyNameKey"/>), kept here for the same reason.</summary>
    public string PrincipalFamilyNameKey { get; private set; } = string.Empty;

    /// <summary>The principal's family name in kana (<see cref="JapaneseText.FamilyKanaKey"/>), kept here for the same reason.</summary>
    public string PrincipalFamilyKanaKey { get; private set; } = string.Empty;

    /// <summary>
    /// The principal's <see cref="Person.DuplicateKey"/>, kept here so that the queue finds the open requests of the same
    /// person for a whole page in one index lookup (possible duplicates).
    /// </summary>
    public string PrincipalDuplicateKey { get; private set; } = string.Empty;

    /// <summary>
    /// The principal's name as written (<see cref="Person.FullName"/>), kept here so that a page of the staff queue is
    /// read from the request rows alone: joining each row to its person cost more than the rest of a page of namesakes
    /// (docs/benchmarks/queue.md, session 8). Personal data like the keys above, and like them set once: a principal's
    /// name is not corrected after filing (<see cref="Person"/> corrects contact details only) and no person is erased
    /// while the request exists. Whatever corrects or erases the name must do the same here.
    /// </summary>
    public string PrincipalName { get; private set; } = string.Empty;

    public Guid? AgentId { get; private set; }
    public Person? Agent { get; private set; }

    public string DataDescription { get; private set; } = string.Empty;
    public string? CurrentContent { get; private set; }
    public string? CorrectContent { get; private set; }
    public List<StopUseGround> StopGrounds { get; private set; } = [];
    public string? StopGroundDetail { get; private set; }
    public DeliveryMethod? Delivery { get; private set; }

    /// <summary>When the request reached the co-op: the submission time online, the arrival date for post.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public RequestStatus Status { get; private set; }
    public IReadOnlyList<StatusChange> StatusHistory => statusHistory;
    public IReadOnlyList<IdentityDocument> Documents => documents;

    /// <summary>Every ID check made on the request, oldest first: what was confirmed, and why it was returned.</summary>
    public IReadOnlyList<IdentityCheck> IdentityChecks => identityChecks;

    /// <summary>Whether the latest ID check accepted the documents: the identity is confirmed.</summary>
    public bool IsIdentityConfirmed =>
        identityChecks.OrderBy(c => c.CheckedAt).ThenBy(c => c.Id).LastOrDefault()?.Outcome == IdentityCheckOutcome.Accepted;

    public int FeeDueYen { get; private set; }
    public IReadOnlyList<FeePayment> Payments => payments;
    public int FeePaidYen => payments.Sum(p => p.AmountYen);
    public bool IsFeeSettled => FeePaidYen >= FeeDueYen;

    /// <summary>What is still to be paid (never negative: an overpayment is refunded, not owed back).</summary>
    public int FeeOutstandingYen => Math.Max(FeeDueYen - FeePaidYen, 0);

    public Decision? Decision { get; private set; }

    /// <summary>Optimistic-concurrency token: bumped on every save, so two staff editing at once cannot overwrite each other.</summary>
    public int Version { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Not withdrawn, rejected or closed. Stored (kept with <see cref="Status"/>) so the staff queue can index it.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>
    /// The response target in days that applied when the request was received (from the <see cref="DeadlineClock"/>
    /// given to the constructor); later transitions keep the deadline with the same target.
    /// </summary>
    public int ResponseTargetDays { get; private set; }

    /// <summary>
    /// The instant the response target falls due, kept on every status change through <see cref="DeadlineClock"/>;
    /// null while the clock is paused waiting for the member. Once answered it keeps the value it had at the answer.
    /// Stored so that the staff queue can sort and page by it in SQL. Always UTC.
    /// </summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>When the current wait for the member (fee, documents) began, or null while the clock runs. UTC.</summary>
    public DateTimeOffset? ClockPausedSince { get; private set; }

    /// <summary>Time since receipt that does not count against the target (see <see cref="DeadlineProgress.Paused"/>).</summary>
    public TimeSpan PausedTotal { get; private set; }

    /// <summary>
    /// When the request became complete (ID accepted and, where due, the fee paid), from which the target counts; null
    /// before that. UTC.
    /// </summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>
    /// Whole days staff added to the target with a reason (<see cref="ExtendDeadline"/>); 0 when never extended. The
    /// clock of the request is <see cref="DeadlineClock.For"/>(<see cref="ResponseTargetDays"/>, this).
    /// </summary>
    public int DeadlineExtensionDays { get; private set; }

    /// <summary>The answer date (JST) staff set last, or null when the deadline was never extended.</summary>
    public DateOnly? DeadlineExtendedTo { get; private set; }

    /// <summary>Why the deadline was last extended; told to the member in the delay notice.</summary>
    public string? DeadlineExtensionReason { get; private set; }

    /// <summary>The clock this request runs on: its target plus any extension.</summary>
    public DeadlineClock Clock => DeadlineClock.For(ResponseTargetDays, DeadlineExtensionDays);

    /// <summary>Where the request stands against its target at <paramref name="now"/>.</summary>
    public DeadlineState DeadlineAt(DateTimeOffset now) => Clock.Evaluate(ReceivedAt, statusHistory, now);

    /// <summary>A decision is recorded and waits for a second person's approval (承認待ち): the clock still runs.</summary>
    public bool IsAwaitingApproval => Status == RequestStatus.Decided && Decision is { IsApproved: false };

    /// <summary>
    /// Staff set a later answer date (JST) with a reason, because the answer cannot go out in time. The clock must be
    /// running (not waiting for the member, not ended) and the new date must be after the current one; the extension
    /// adds the difference in whole days to the target, so later waits for the member still move it. The member is
    /// sent a delay notice by the caller.
    /// </summary>
    public void ExtendDeadline(DateOnly newDueDate, string reason, string actor, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var required = RequireReason(reason);
        if (!IsOpen || RequestStatusMachine.HasAnswered(Status))
        {
            throw new DomainRuleException("deadline.ended",
                "終了した請求の回答期限は変更できません。",
                "The deadline of a request that has ended cannot be changed.");
        }

        if (DueAt is null)
        {
            throw new DomainRuleException("deadline.paused",
                "請求者の対応待ちの間は期限が止まっているため、延長できません。",
                "The clock is stopped while the co-op waits for the member, so the deadline cannot be extended now.");
        }

        var current = JapaneseText.JstDate(DueAt.Value);
        if (newDueDate <= current)
        {
            throw new DomainRuleException("deadline.notLater",
                $"新しい回答期限は、現在の期限（{JapaneseText.ToWareki(current)}）より後の日付を指定してください。",
                $"The new answer date must be after the current one ({current:yyyy-MM-dd}).");
        }

        if (newDueDate.DayNumber - current.DayNumber > MaxExtensionDays)
        {
            throw new DomainRuleException("deadline.tooLong",
                $"一度に延長できるのは{MaxExtensionDays}日までです。",
                $"A deadline can be extended by at most {MaxExtensionDays} days at a time.");
        }

        DeadlineExtensionDays += newDueDate.DayNumber - current.DayNumber;
        raised.Add(new DeadlineExtended(Id, current, newDueDate, DeadlineExtensionDays));
        DeadlineExtendedTo = newDueDate;
        DeadlineExtensionReason = required;
        DeadlineExtendedAt = at.ToUniversalTime();
        ApplyClock(new DeadlineProgress(PausedTotal, ClockPausedSince, CompletedAt));
    }

    /// <summary>When the deadline was last extended. UTC.</summary>
    public DateTimeOffset? DeadlineExtendedAt { get; private set; }

    /// <summary>The longest single extension: a delay beyond it is no longer an answer 遅滞なく.</summary>
    public const int MaxExtensionDays = 60;

    /// <summary>The staff user (id) in charge of the request, if any.</summary>
    public string? AssignedTo { get; private set; }

    /// <summary>Puts a staff user in charge (or nobody, with null). Only open requests are assigned.</summary>
    public void AssignTo(string? userId, string actor, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!IsOpen)
        {
            throw new DomainRuleException("assign.closed",
                "終了した請求には担当者を割り当てられません。",
                "A request that has ended cannot be assigned.");
        }

        var before = AssignedTo;
        AssignedTo = string.IsNullOrWhiteSpace(userId) ? null : userId.Trim();
        AssignedAt = AssignedTo is null ? null : at.ToUniversalTime();
        raised.Add(new RequestAssigned(Id, before, AssignedTo));
    }

    /// <summary>When <see cref="AssignedTo"/> was last set. UTC.</summary>
    public DateTimeOffset? AssignedAt { get; private set; }

    /// <summary>Every correction staff made to the contact details of the people on the request, oldest first (ADR 0024).</summary>
    public IReadOnlyList<ContactCorrection> ContactCorrections => contactCorrections;

    /// <summary>
    /// Staff correct the address, phone or email of the principal or the agent, with a reason: the person is updated
    /// and each changed field is kept with its old and new value in <see cref="ContactCorrections"/>. Refused when
    /// nothing changes. Allowed on an ended request too: a letter may have to go out again to the new address.
    /// </summary>
    public void CorrectContact(PartyRole party, ContactDetails corrected, string reason, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var required = RequireReason(reason);
        var person = party == PartyRole.Agent
            ? Agent ?? throw new DomainRuleException("contact.noAgent", "この請求には代理人がいません。", "This request has no agent.")
            : Principal;
        if (string.IsNullOrWhiteSpace(corrected.Email) && ReferenceEquals(Agent ?? Principal, person) && person.Email is not null && Delivery == DeliveryMethod.Electronic)
        {
            // Electronic delivery is announced by mail: without an address the member would never learn of the letter.
            throw new DomainRuleException("contact.emailNeeded",
                "電磁的記録での回答を選んだ請求では、メールアドレスを削除できません。先に回答の方法を郵送に変更してください。",
                "The answer is delivered electronically, so the email address cannot be removed. Change the delivery to post first.");
        }

        var changes = person.Correct(corrected);
        if (changes.Count == 0)
        {
            throw new DomainRuleException("contact.unchanged", "変更された項目がありません。", "Nothing was changed.");
        }

        var rows = changes.Select(c => new ContactCorrection(person.Id, party, c.Field, c.Old, c.New, required, actor, at)).ToArray();
        contactCorrections.AddRange(rows);
        raised.Add(new ContactCorrected(Id, person.Id, party, rows.Select(r => r.Field).ToArray(), rows.Select(r => r.Id).ToArray()));
    }

    /// <summary>When a status code was last reissued (<see cref="ReissueStatusCode"/>), or null. UTC.</summary>
    public DateTimeOffset? StatusCodeReissuedAt { get; private set; }

    /// <summary>
    /// Replaces the status code after staff checked the caller's identity (<paramref name="verifiedBy"/>): only the new
    /// code's hash is kept, so the old code stops working at once. A code sent by mail needs an address on the request.
    /// </summary>
    public void ReissueStatusCode(string newCodeHash, StatusCodeDelivery via, CallerVerification verifiedBy, string actor, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (newCodeHash is not { Length: 64 } || !newCodeHash.All(char.IsAsciiHexDigitLower) || newCodeHash == AccessTokenHash)
        {
            throw new ArgumentException("A new status code's SHA-256 (lower-case hex) is expected.", nameof(newCodeHash));
        }

        if (!Enum.IsDefined(via) || !Enum.IsDefined(verifiedBy))
        {
            throw new DomainRuleException("statusCode.choice", "送付の方法と本人確認の方法を選んでください。", "Choose how the code is sent and how the caller was identified.");
        }

        if (via == StatusCodeDelivery.Mail && string.IsNullOrWhiteSpace((Agent ?? Principal).Email))
        {
            throw new DomainRuleException("statusCode.noEmail",
                "この請求にはメールアドレスがないため、メールでは送れません。郵送を選んでください。",
                "The request has no email address, so the code cannot be mailed. Choose post.");
        }

        AccessTokenHash = newCodeHash;
        StatusCodeReissuedAt = at.ToUniversalTime();
        raised.Add(new StatusCodeReissued(Id, via, verifiedBy));
    }

    /// <summary>
    /// Staff change how the answer is delivered, e.g. to post when mail to the member failed for good. Electronic
    /// delivery needs an email address for its notices.
    /// </summary>
    public void ChangeDelivery(DeliveryMethod to, string actor, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!Enum.IsDefined(to))
        {
            throw new DomainRuleException("delivery.invalid", "回答の方法が正しくありません。", "The delivery method is not valid.");
        }

        if (to == Delivery)
        {
            throw new DomainRuleException("delivery.unchanged", "回答の方法は変わっていません。", "The delivery method is unchanged.");
        }

        if (to == DeliveryMethod.Electronic && string.IsNullOrWhiteSpace((Agent ?? Principal).Email))
        {
            throw new DomainRuleException("delivery.noEmail",
                "メールアドレスがないため、電磁的記録での回答にはできません。", "Without an email address the answer cannot be delivered electronically.");
        }

        var before = Delivery;
        Delivery = to;
        raised.Add(new DeliveryChanged(Id, before, to));
    }

    [RaisesNoEvent("The concurrency token moves with every saved change; the change itself raised the event.")]
    public void BumpVersion() => Version++;

    public IReadOnlyList<DocumentRequirement> MissingDocuments(IdentityDocumentCatalogue? catalogue = null) =>
        DocumentRequirements.Missing(RequesterType, PresentDocuments, catalogue ?? IdentityDocumentCatalogue.Default);

    /// <summary>The documents the ID check looks at: neither replaced by a later one nor purged.</summary>
    public IEnumerable<IdentityDocument> CurrentDocuments => documents.Where(d => d.IsCurrent);

    /// <summary>
    /// When the member (online) or staff (a scan from the post) last sent documents again, until the next ID check: the
    /// queue marks such requests 再提出あり for the staff member in charge. Null otherwise. UTC.
    /// </summary>
    public DateTimeOffset? ResubmittedAt { get; private set; }

    /// <summary>
    /// The slots a request returned for deficiency asks the member to send again: those whose points failed at the last
    /// return, and those with no document at all. A return that named no point (only a note, or one recorded before
    /// points were kept) names no slot, so every slot of the requester type is offered and any one of them will do
    /// (<see cref="ResubmissionRequiresAll"/> is false). Empty unless returned.
    /// </summary>
    public IReadOnlyList<DocumentRequirement> DocumentsToResubmit()
    {
        var named = NamedForResubmission();
        return Status != RequestStatus.ReturnedForDeficiency ? []
            : named.Length > 0 ? named
            : ResubmissionSlots();
    }

    /// <summary>Whether every slot of <see cref="DocumentsToResubmit"/> must be sent (the return named them), or any one.</summary>
    public bool ResubmissionRequiresAll => NamedForResubmission().Length > 0;

    private DocumentRequirement[] NamedForResubmission()
    {
        var current = CurrentDocuments.ToArray();
        var failed = identityChecks.OrderBy(c => c.CheckedAt).ThenBy(c => c.Id).LastOrDefault() is { Outcome: IdentityCheckOutcome.Returned } last
            ? last.Failed
            : [];
        var roles = failed
            .Select(item => IdentityChecklist.RoleOf(item, type => current.FirstOrDefault(d => d.Type == type)?.Role))
            .Concat(MissingDocuments().Select(m => m.Role))
            .ToHashSet();
        return ResubmissionSlots().Where(s => roles.Contains(s.Role)).ToArray();
    }

    /// <summary>
    /// Every slot a member may send again: those of the requester type, plus an address proof beside each ID that
    /// shows no address (a passport issued since 2020), or whose address proof failed the check (ADR 0021).
    /// </summary>
    private List<DocumentRequirement> ResubmissionSlots()
    {
        var catalogue = IdentityDocumentCatalogue.Default;
        var slots = DocumentRequirements.For(RequesterType).ToList();
        foreach (var (idRole, proofRole) in new[] { (DocumentRole.PrincipalIdentity, DocumentRole.PrincipalAddressProof), (DocumentRole.AgentIdentity, DocumentRole.AgentAddressProof) })
        {
            if (slots.Any(s => s.Role == idRole)
                && CurrentDocuments.Any(d => (d.Role == idRole && catalogue.NeedsAddressProof(d.Type)) || d.Role == proofRole))
            {
                slots.Add(DocumentRequirements.AddressProof(idRole, catalogue));
            }
        }

        return slots;
    }

    /// <summary>
    /// The member sends, from the status page, the documents a return asked for (<see cref="DocumentsToResubmit"/>): at
    /// most one for each slot offered and nothing else, every named slot filled. Each replaces the earlier document of its
    /// slot, which is kept marked superseded; the request goes back to 本人確認中 and the clock runs again (ADR 0016).
    /// Only a request returned for deficiency takes it, so a replayed or doubled submission finds the request already
    /// back in the check and is refused.
    /// </summary>
    public void ResubmitDocuments(IReadOnlyCollection<IdentityDocument> sent, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (Status != RequestStatus.ReturnedForDeficiency)
        {
            throw NotAwaitingResubmission();
        }

        var offered = DocumentsToResubmit();
        var roles = sent.Select(d => d.Role).ToArray();
        if (roles.Length != roles.Distinct().Count() || roles.Any(r => offered.All(o => o.Role != r)))
        {
            throw new DomainRuleException("resubmission.unasked",
                "お願いしていない書類、または同じ書類が二つ含まれています。表示されている欄にだけ、一つずつ添付してください。",
                "A document that was not asked for, or the same one twice, was included. Attach one file to each field shown.");
        }

        var unsent = (ResubmissionRequiresAll ? offered : roles.Length == 0 ? offered : []).Where(r => !roles.Contains(r.Role)).ToArray();
        if (unsent.Length > 0)
        {
            throw new DomainRuleException("resubmission.incomplete",
                ResubmissionRequiresAll
                    ? $"次の書類を添付してください：{string.Join("、", unsent.Select(r => r.Description.Japanese))}"
                    : "送っていただく書類を、いずれかの欄に添付してください。",
                ResubmissionRequiresAll
                    ? $"Please attach: {string.Join("; ", unsent.Select(r => r.Description.English))}"
                    : "Please attach the document you are sending in one of the fields.");
        }

        var (ids, superseded) = Replace(sent, at);
        var from = Status;
        MoveTo(RequestStatus.IdentityCheck, actor, at, null);
        ResubmittedAt = at.ToUniversalTime();
        raised.Add(new DocumentsResubmitted(Id, ids, roles, superseded, from, Status));
    }

    /// <summary>The refusal of a resubmission to a request that does not wait for documents (already received, or moved on).</summary>
    public static DomainRuleException NotAwaitingResubmission() => new("resubmission.notReturned",
        "この請求は、現在書類の再提出をお願いしている状態ではありません。書類はすでにお受けしているか、手続きが先に進んでいます。",
        "This request is not waiting for documents: they have already been received, or the request has moved on.");

    /// <summary>Whether staff may attach scans of documents that came by post: until the ID check has accepted them.</summary>
    public bool AcceptsPostedDocuments => IsOpen && AllowsIdentityCheck;

    /// <summary>
    /// Staff attach scans of documents that came by post on <paramref name="arrivedOn"/> (JST; not before the request was
    /// filed, not in the future). Each replaces the earlier document of its slot (kept, marked superseded). A request
    /// returned for deficiency goes back to 本人確認中, its clock running again from the day the post arrived.
    /// </summary>
    public void AttachPostedDocuments(IReadOnlyCollection<IdentityDocument> scans, DateOnly arrivedOn, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!AcceptsPostedDocuments)
        {
            throw new DomainRuleException("posted.notAccepted",
                "本人確認が済んだ請求、または終了した請求には書類を追加できません。",
                "Documents cannot be added once the ID check has accepted them or the request has ended.");
        }

        if (scans.Count == 0)
        {
            throw new DomainRuleException("posted.none", "書類のファイルを選んでください。", "Choose the scanned document.");
        }

        if (arrivedOn > JapaneseText.JstDate(at))
        {
            throw new DomainRuleException("posted.future", "到着日に未来の日付は指定できません。", "The arrival date cannot be in the future.");
        }

        var filed = JapaneseText.JstDate(ReceivedAt);
        if (arrivedOn < filed)
        {
            throw new DomainRuleException("posted.beforeFiling",
                $"到着日は、請求の受付日（{JapaneseText.ToWareki(filed)}）以降の日付を指定してください。",
                $"The arrival date cannot be before the request was received ({filed:yyyy-MM-dd}).");
        }

        foreach (var scan in scans)
        {
            scan.RecordArrival(arrivedOn);
        }

        var (ids, superseded) = Replace(scans, at);
        var from = Status;
        if (Status == RequestStatus.ReturnedForDeficiency)
        {
            // The member did their part when the post arrived: the co-op's days count from then, not from the scan.
            var returnedAt = statusHistory.Last().At;
            var arrived = JapaneseText.JstDayStart(arrivedOn);
            var resumeAt = arrived > returnedAt ? (arrived < at ? arrived : at) : returnedAt;
            MoveTo(RequestStatus.IdentityCheck, actor, resumeAt, null);
        }

        ResubmittedAt = at.ToUniversalTime();
        raised.Add(new PostedDocumentsAttached(Id, ids, scans.Select(s => s.Role).ToArray(), superseded, arrivedOn, from, Status));
    }

    /// <summary>Adds the new documents, each superseding the current one(s) of its slot (supporting documents add up).</summary>
    private (Guid[] Added, Guid[] Superseded) Replace(IReadOnlyCollection<IdentityDocument> incoming, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException("documents.closed",
                "終了した請求には書類を追加できません。",
                "Documents cannot be added to a request that has ended.");
        }

        foreach (var document in incoming)
        {
            EnsureAcceptable(document);
        }

        var superseded = new List<Guid>();
        foreach (var document in incoming)
        {
            if (document.Role != DocumentRole.Supporting)
            {
                foreach (var old in CurrentDocuments.Where(d => d.Role == document.Role).ToArray())
                {
                    old.MarkSuperseded(document.Id, at);
                    superseded.Add(old.Id);
                }
            }

            documents.Add(document);
        }

        return (incoming.Select(d => d.Id).ToArray(), superseded.ToArray());
    }

    private void EnsureAcceptable(IdentityDocument document, IdentityDocumentCatalogue? catalogue = null)
    {
        if (!DocumentRequirements.IsAcceptable(RequesterType, document.Role, document.Type, catalogue ?? IdentityDocumentCatalogue.Default))
        {
            throw new DomainRuleException("documents.notAccepted",
                $"「{Labels.DocumentType(document.Type).Japanese}」は「{Labels.DocumentRole(document.Role).Japanese}」として受け付けられません。",
                $"\"{Labels.DocumentType(document.Type).English}\" is not accepted as \"{Labels.DocumentRole(document.Role).English}\".");
        }
    }

    /// <summary>The current documents (neither superseded nor purged) as the ID-document rules see them.</summary>
    private IEnumerable<ProvidedDocument> PresentDocuments => CurrentDocuments.Select(d => new ProvidedDocument(d.Role, d.Type));

    /// <summary>Attaches a document whose type fits its role under <paramref name="catalogue"/> (the configured ID documents).</summary>
    public void AttachDocument(IdentityDocument document, IdentityDocumentCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsOpen)
        {
            throw new DomainRuleException("documents.closed",
                "終了した請求には書類を追加できません。",
                "Documents cannot be added to a request that has ended.");
        }

        EnsureAcceptable(document, catalogue);
        documents.Add(document);
        raised.Add(new DocumentAttached(Id, document.Id, document.Role, document.Type));
    }

    /// <summary>The ID checklist for this request: its requester type and the documents it holds (not purged).</summary>
    public IReadOnlyList<IdentityCheckItem> IdentityChecklistItems => IdentityChecklistFor(IdentityDocumentCatalogue.Default);

    /// <summary>The ID checklist under <paramref name="catalogue"/>: each document's own points by its configured checks.</summary>
    public IReadOnlyList<IdentityCheckItem> IdentityChecklistFor(IdentityDocumentCatalogue catalogue) =>
        IdentityChecklist.For(RequesterType, PresentDocuments, catalogue);

    /// <summary>Whether the documents can be checked now: on arrival, while checking, and after the member resubmits.</summary>
    public bool AllowsIdentityCheck => Status is RequestStatus.Received or RequestStatus.IdentityCheck or RequestStatus.ReturnedForDeficiency;

    /// <summary>Staff begin checking the documents (also after the member resubmits them).</summary>
    public void StartIdentityCheck(string actor, DateTimeOffset at)
    {
        var from = Status;
        MoveTo(RequestStatus.IdentityCheck, actor, at, null);
        raised.Add(new IdentityCheckStarted(Id, from, Status));
    }

    /// <summary>Whether the check is under way; otherwise staff start it (<see cref="StartIdentityCheck"/>) before accepting or returning.</summary>
    public bool IsIdentityCheckUnderWay => Status == RequestStatus.IdentityCheck;

    /// <summary>
    /// The documents are in order: every point of the ID checklist for the requester type is
    /// <paramref name="confirmed"/>. Family (a) then waits for the fee unless it is already paid.
    /// </summary>
    public void AcceptIdentity(
        string actor, DateTimeOffset at, IReadOnlyCollection<IdentityCheckItem> confirmed, IdentityDocumentCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        catalogue ??= IdentityDocumentCatalogue.Default;
        var checklist = IdentityChecklistFor(catalogue);
        var unconfirmed = IdentityChecklist.Unconfirmed(checklist, confirmed);
        if (unconfirmed.Count > 0)
        {
            throw new DomainRuleException("identity.checklist",
                $"確認できていない項目があります：{string.Join("／", unconfirmed.Select(i => IdentityChecklist.Describe(i).Japanese))}",
                $"Not every point was confirmed: {string.Join("; ", unconfirmed.Select(i => IdentityChecklist.Describe(i).English))}");
        }

        var missing = MissingDocuments(catalogue);
        if (missing.Count > 0)
        {
            throw new DomainRuleException("identity.missingDocuments",
                $"必要な書類がそろっていません：{string.Join("、", missing.Select(m => m.Description.Japanese))}",
                $"Documents are missing: {string.Join("; ", missing.Select(m => m.Description.English))}");
        }

        var from = Status;
        MoveTo(IsFeeSettled ? RequestStatus.InReview : RequestStatus.AwaitingFee, actor, at, null);

        // Only the points that apply to this request's requester type and documents are what was confirmed.
        identityChecks.Add(new IdentityCheck(IdentityCheckOutcome.Accepted, checklist, null, actor, at));
        ResubmittedAt = null;
        raised.Add(new IdentityAccepted(Id, from, Status, checklist.ToArray()));
    }

    /// <summary>
    /// The documents fall short: the request waits for the member, who is told <paramref name="reason"/>. The points
    /// that were <paramref name="confirmed"/> and those marked <paramref name="failed"/> are kept with the check, so the
    /// next check knows what failed and the status page asks for exactly those documents.
    /// </summary>
    public void ReturnForDeficiency(
        string reason, string actor, DateTimeOffset at, IEnumerable<IdentityCheckItem>? confirmed = null, IEnumerable<IdentityCheckItem>? failed = null)
    {
        var required = RequireReason(reason);
        var from = Status;
        MoveTo(RequestStatus.ReturnedForDeficiency, actor, at, required);
        var kept = IdentityChecklistItems.Intersect(confirmed ?? []).ToArray();

        // The failed points say which documents the member is asked to send again (DocumentsToResubmit).
        var deficient = IdentityChecklistItems.Intersect(failed ?? []).Except(kept).ToArray();
        identityChecks.Add(new IdentityCheck(IdentityCheckOutcome.Returned, kept, required, actor, at, deficient));
        ResubmittedAt = null;
        raised.Add(new IdentityReturned(Id, from, Status, kept));
    }

    /// <summary>Records money received (or refunded). A request waiting only for its fee moves on to review.</summary>
    public void RecordPayment(FeePayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (FeeDueYen == 0 && payment.AmountYen > 0)
        {
            throw new DomainRuleException("fee.notDue",
                "この請求には手数料はかかりません。",
                "No fee is due for this request.");
        }

        if (payment.AmountYen < 0 && FeePaidYen + payment.AmountYen < 0)
        {
            throw new DomainRuleException("fee.refundTooLarge",
                $"返金額が入金額（{FeePaidYen:N0}円）を超えています。",
                $"The refund exceeds the amount paid (¥{FeePaidYen:N0}).");
        }

        var from = Status;
        payments.Add(payment);
        if (Status == RequestStatus.AwaitingFee && IsFeeSettled)
        {
            MoveTo(RequestStatus.InReview, payment.RecordedBy, payment.RecordedAt, null);
        }

        raised.Add(payment.AmountYen < 0
            ? new FeeRefunded(Id, payment.Id, payment.AmountYen, payment.Method, payment.PaidOn, from, Status)
            : new FeePaid(Id, payment.Id, payment.AmountYen, payment.Method, payment.PaidOn, from, Status));
    }

    /// <summary>
    /// Records the decision. With <paramref name="requiresApproval"/> (four-eyes) it waits for a supervisor's approval
    /// before its letter may go out; without, the decider's entry stands as approved.
    /// </summary>
    public void Decide(Decision decision, bool requiresApproval = true)
    {
        ArgumentNullException.ThrowIfNull(decision);
        RequestStatusMachine.EnsureCanTransition(Status, RequestStatus.Decided);
        if (!IsFeeSettled)
        {
            // The fee is owed whatever the outcome, so a family (a) request is decided only once it is paid.
            throw new DomainRuleException("decision.feeUnpaid",
                "手数料の入金が確認できていないため、決定できません。",
                "The fee has not been paid, so the request cannot be decided.");
        }

        DecisionRules.EnsureCovers(decision, Kinds);
        DecisionRules.EnsureIdentityGroundFits(decision, IsIdentityConfirmed);
        if (decision.IsApproved)
        {
            // Approval happens here or through ApproveDecision, never before: a decision approved by its own author
            // on the way in would slip past the four-eyes rule.
            throw new DomainRuleException("decision.preApproved",
                "承認済みの決定は入力できません。",
                "A decision cannot arrive already approved.");
        }

        if (!requiresApproval)
        {
            decision.Approve(decision.DecidedBy, decision.DecidedAt, fourEyes: false);
        }

        Decision = decision;
        MoveTo(RequestStatus.Decided, decision.DecidedBy, decision.DecidedAt, null);
        raised.Add(new DecisionEntered(Id, decision.Id, decision.Outcomes.ToArray(), decision.IsApproved));
    }

    /// <summary>A supervisor approves the decision (four-eyes): someone other than the person who entered it.</summary>
    public void ApproveDecision(string approver, DateTimeOffset at)
    {
        if (Status != RequestStatus.Decided || Decision is null)
        {
            throw new DomainRuleException("decision.nothingToApprove",
                "承認待ちの決定がありません。",
                "There is no decision waiting for approval.");
        }

        Decision.Approve(approver, at, fourEyes: true);
        raised.Add(new DecisionApproved(Id, Decision.Id, Decision.DecidedBy));
    }

    /// <summary>A supervisor sends a decision back before its letter goes out.</summary>
    public void SendBackForRevision(string reason, string actor, DateTimeOffset at)
    {
        // Only a decision can be sent back; from any other status this would skip the identity check or the fee.
        if (Status != RequestStatus.Decided)
        {
            throw new InvalidStatusTransitionException(Status, RequestStatus.InReview);
        }

        // An approved decision may already have gone out in a letter: it is answered, not revised.
        if (Decision is { IsApproved: true })
        {
            throw new DomainRuleException("decision.approvedAlready",
                "承認済みの決定は差し戻せません。", "An approved decision cannot be sent back.");
        }

        var decisionId = Decision?.Id;
        var from = Status;
        MoveTo(RequestStatus.InReview, actor, at, RequireReason(reason));
        Decision = null;
        raised.Add(new DecisionSentBack(Id, decisionId, from, Status));
    }

    /// <summary>
    /// Restates the provision records of an approved decision whose records outcome the migration to content per kind
    /// flagged (ADR 0020), before the letter that answers it goes out: the records selected from the register
    /// (<paramref name="provisionRecordIds"/> with their text, <paramref name="content"/>), or none, which answers
    /// 該当なし with <paramref name="memberReason"/> told to the member (Art. 36). What was stated before, who restated it,
    /// when and <paramref name="reason"/> stay on the outcome. With <paramref name="requiresApproval"/> (four-eyes, as
    /// for the decision) a supervisor other than the restater approves it before the letter may go out.
    /// <paramref name="answerLetterIssued"/>: the caller says whether the letter that carries the records answer (for the
    /// flagged outcome or the restated one) was already issued; then the member has had an answer and it is refused.
    /// </summary>
    public void RestateRecordsContent(
        IReadOnlyCollection<Guid> provisionRecordIds, string? content, string? memberReason, string reason, string actor, DateTimeOffset at,
        bool answerLetterIssued, bool requiresApproval = true)
    {
        ArgumentNullException.ThrowIfNull(provisionRecordIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (Decision is not { IsApproved: true } decision || Status is not (RequestStatus.Decided or RequestStatus.Closed))
        {
            throw new DomainRuleException("restate.notApproved",
                "第三者提供記録を再記載できるのは、承認済みの決定だけです。承認前の決定は差し戻して、決定し直してください。",
                "Only an approved decision's provision records can be restated; send a decision not yet approved back and decide it again.");
        }

        var outcome = decision.Outcomes.FirstOrDefault(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure);
        if (outcome is not { ContentNeedsReview: true })
        {
            throw new DomainRuleException("restate.notFlagged",
                "この決定の第三者提供記録は、確認が必要とされていません。再記載できるのは、移行で確認が必要とされた決定だけです。",
                "This decision's provision records were not flagged for review; only decisions flagged by the migration can be restated.");
        }

        if (answerLetterIssued || Status == RequestStatus.Closed)
        {
            throw new DomainRuleException("restate.issued",
                "第三者提供記録の通知書は発行済みのため、再記載できません。請求者へ改めて通知する必要があるかを判断してください。",
                "The records letter has already been issued, so the records cannot be restated; judge whether the member must be written to again.");
        }

        var why = RequireReason(reason);

        // Validated as a decision of its own (content for a disclosure, a reason for 該当なし) before anything changes.
        var none = provisionRecordIds.Count == 0;
        var restated = none
            ? new KindDecision(outcome.Kind, KindOutcome.NoDataHeld, null, memberReason)
            : new KindDecision(outcome.Kind, outcome.Outcome, outcome.Grounds, outcome.Reason, null, content, provisionRecordIds);
        var from = outcome.Outcome;
        var previous = outcome.Content is null
            ? null
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(outcome.Content)));
        outcome.Restate(restated, why, actor, at, requiresApproval);
        raised.Add(new RecordsContentRestated(Id, decision.Id, outcome.Id, from, outcome.Outcome, outcome.ProvisionRecordIds.ToArray(), previous, requiresApproval));
    }

    /// <summary>A supervisor other than the person who restated the records approves the restatement (four-eyes).</summary>
    public void ApproveRecordsRestatement(string approver, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        var outcome = Decision?.Outcomes.FirstOrDefault(o => o.RestatementAwaitsApproval);
        if (outcome is null || Status != RequestStatus.Decided)
        {
            throw new DomainRuleException("restate.nothingToApprove",
                "承認待ちの第三者提供記録の再記載がありません。",
                "There is no restatement of provision records waiting for approval.");
        }

        if (string.Equals(approver, outcome.RestatedBy, StringComparison.Ordinal))
        {
            throw new DomainRuleException("restate.selfApproval",
                "再記載した本人は承認できません。別の責任者が承認してください。",
                "The person who restated the records cannot approve the restatement; another supervisor must.");
        }

        outcome.ApproveRestatement(approver, at);
        raised.Add(new RecordsRestatementApproved(Id, Decision!.Id, outcome.Id, outcome.RestatedBy!));
    }

    /// <summary>The answer has gone out (its letter issued): the request closes. Only an approved decision closes.</summary>
    public void Close(string actor, DateTimeOffset at)
    {
        if (Decision is { IsApproved: false })
        {
            throw new DomainRuleException("decision.notApproved",
                "決定が承認されていないため、完了にできません。",
                "The decision has not been approved, so the request cannot be closed.");
        }

        var from = Status;
        MoveTo(RequestStatus.Closed, actor, at, null);
        ClosedAt = at;
        raised.Add(new RequestClosed(Id, from, Status));
    }

    public void Withdraw(string actor, DateTimeOffset at, string? reason = null)
    {
        var from = Status;
        MoveTo(RequestStatus.Withdrawn, actor, at, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        ClosedAt = at;
        raised.Add(new RequestWithdrawn(Id, from, Status));
    }

    public void Reject(string reason, string actor, DateTimeOffset at, Closing.RejectionGround ground = Closing.RejectionGround.Other)
    {
        if (ground == Closing.RejectionGround.Abandoned)
        {
            // Abandonment has its own method: only the reminder schedule closes a request for silence.
            throw new DomainRuleException("reject.ground", "この却下理由は選べません。", "That ground cannot be chosen.");
        }

        var from = Status;
        MoveTo(RequestStatus.Rejected, actor, at, RequireReason(reason));
        ClosedAt = at;
        RejectionGround = ground;
        raised.Add(new RequestRejected(Id, from, Status, ground));
    }

    /// <summary>The category of a rejection (null unless rejected); the particulars are the status change's reason.</summary>
    public Closing.RejectionGround? RejectionGround { get; private set; }

    /// <summary>Reminders sent in the current wait for the member (fee or documents); reset when a new wait begins.</summary>
    public int RemindersSent { get; private set; }

    public DateTimeOffset? LastReminderAt { get; private set; }

    /// <summary>The date the last reminder announced: after it, the request is closed as abandoned (JST).</summary>
    public DateOnly? ClosesIfUnansweredOn { get; private set; }

    /// <summary>
    /// Records a reminder of the fee or documents awaited (ADR 0023), announcing <paramref name="closesOn"/>. The step
    /// must be the next one: a replayed or doubled reminder is refused rather than counted twice.
    /// </summary>
    public void RecordReminder(ReminderStep step, DateOnly closesOn, DateTimeOffset at)
    {
        if (!RequestStatusMachine.IsWaitingForMember(Status) || step is not (ReminderStep.FirstReminder or ReminderStep.SecondReminder)
            || (int)step != RemindersSent + 1)
        {
            throw new DomainRuleException("reminder.notDue", "この請求には、この督促を送れません。", "This reminder is not due for the request.");
        }

        RemindersSent = (int)step;
        LastReminderAt = at;
        ClosesIfUnansweredOn = closesOn;
        raised.Add(new ReminderSent(Id, Status, (int)step, closesOn));
    }

    /// <summary>
    /// Closes a request whose fee or documents never came after both reminders (ADR 0023): rejected on the ground
    /// <see cref="Closing.RejectionGround.Abandoned"/> by the system, which stops the clock and starts retention.
    /// </summary>
    public void Abandon(DateTimeOffset at)
    {
        if (RemindersSent < 2)
        {
            throw new DomainRuleException("reminder.abandonEarly", "督促を2回送るまでは終了にできません。", "A request is abandoned only after two reminders.");
        }

        var from = Status;
        MoveTo(RequestStatus.Rejected, SystemActor, at, RejectionGrounds.Label(Closing.RejectionGround.Abandoned).Japanese);
        ClosedAt = at;
        RejectionGround = Closing.RejectionGround.Abandoned;
        raised.Add(new RequestAbandoned(Id, from, Status, RemindersSent));
    }

    private void MoveTo(RequestStatus to, string actor, DateTimeOffset at, string? reason)
    {
        RequestStatusMachine.EnsureCanTransition(Status, to);
        statusHistory.Add(new StatusChange(Status, to, at, actor, reason));
        ApplyClock(DeadlineClock.Advance(new DeadlineProgress(PausedTotal, ClockPausedSince, CompletedAt), ReceivedAt, Status, to, at));
        if (RequestStatusMachine.IsWaitingForMember(to) && !RequestStatusMachine.IsWaitingForMember(Status))
        {
            // A new wait for the member: its reminders start again (ADR 0023).
            RemindersSent = 0;
            LastReminderAt = null;
            ClosesIfUnansweredOn = null;
        }

        Status = to;
        IsOpen = !RequestStatusMachine.IsTerminal(to);
    }

    private void ApplyClock(DeadlineProgress progress)
    {
        PausedTotal = progress.Paused;
        ClockPausedSince = progress.PausedSince?.ToUniversalTime();
        CompletedAt = progress.CompletedAt?.ToUniversalTime();
        DueAt = Clock.DueAt(ReceivedAt, progress);
    }

    private static string RequireReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("status.reason",
                "理由を入力してください。",
                "Enter the reason.");
        }

        return reason.Trim();
    }

    private void ApplyDetails(RequestDetails details)
    {
        // Invisible formatting characters are removed first, so that a description of nothing but those is empty.
        var description = JapaneseText.NormalizeFreeText(details.DataDescription ?? string.Empty);
        if (description.Length == 0)
        {
            throw new DomainRuleException("details.description",
                "対象となる個人情報の内容を入力してください。",
                "Describe the personal data concerned.");
        }

        DataDescription = description;

        // Every family chooses how its answer is delivered (ADR 0024); disclosure must say (Art. 33(1)), the others
        // fall back to post when a caller gives nothing (the forms ask).
        Delivery = details.Delivery ?? (Family == RequestFamily.Disclosure
            ? throw new DomainRuleException("details.delivery", "開示の方法を選んでください。", "Choose how the result is delivered.")
            : DeliveryMethod.Post);
        switch (Family)
        {
            case RequestFamily.Disclosure:
                break;
            case RequestFamily.Correction:
                if (Kinds.Contains(RequestKind.Correction)
                    && (string.IsNullOrWhiteSpace(details.CurrentContent) || string.IsNullOrWhiteSpace(details.CorrectContent)))
                {
                    throw new DomainRuleException("details.correction",
                        "訂正の請求では、現在の内容と正しい内容の両方を入力してください。",
                        "For a correction, give both the current and the correct content.");
                }

                CurrentContent = details.CurrentContent is null ? null : JapaneseText.NormalizeFreeText(details.CurrentContent);
                CorrectContent = details.CorrectContent is null ? null : JapaneseText.NormalizeFreeText(details.CorrectContent);
                break;
            case RequestFamily.StopUse:
                if (details.StopGrounds is null || details.StopGrounds.Count == 0)
                {
                    throw new DomainRuleException("details.stopGrounds",
                        "利用停止等を求める理由を1つ以上選んでください。",
                        "Choose at least one ground for stopping use.");
                }

                StopGrounds = details.StopGrounds.Distinct().OrderBy(g => g).ToList();
                StopGroundDetail = string.IsNullOrWhiteSpace(details.StopGroundDetail) ? null : JapaneseText.NormalizeFreeText(details.StopGroundDetail);
                break;
        }
    }
}
