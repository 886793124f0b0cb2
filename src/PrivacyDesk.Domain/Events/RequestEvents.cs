using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Events;

// The events of a privacy request, one per change method of PrivacyRequest (and RequestNote). Identifiers and codes
// only: a payer's name, a reason or disclosed content stays on the request, referenced by id.

public sealed record RequestFiled(
    Guid RequestId, string Reference, RequestFamily Family, IReadOnlyList<RequestKind> Kinds, Channel Channel,
    RequesterType RequesterType) : IRequestEvent;

public sealed record DocumentAttached(Guid RequestId, Guid DocumentId, DocumentRole Role, DocumentType Type) : IRequestEvent;

public sealed record RequestAssigned(Guid RequestId, string? Before, string? After) : IRequestEvent;

public sealed record IdentityCheckStarted(Guid RequestId, RequestStatus From, RequestStatus To) : IRequestEvent;

public sealed record IdentityAccepted(Guid RequestId, RequestStatus From, RequestStatus To, IReadOnlyList<IdentityCheckItem> Confirmed) : IRequestEvent;

public sealed record IdentityReturned(Guid RequestId, RequestStatus From, RequestStatus To, IReadOnlyList<IdentityCheckItem> Confirmed) : IRequestEvent;

public sealed record FeePaid(Guid RequestId, Guid PaymentId, int AmountYen, PaymentMethod Method, DateOnly PaidOn, RequestStatus From, RequestStatus To) : IRequestEvent;

/// <summary>A refund: <see cref="AmountYen"/> is negative, as stored.</summary>
public sealed record FeeRefunded(Guid RequestId, Guid PaymentId, int AmountYen, PaymentMethod Method, DateOnly PaidOn, RequestStatus From, RequestStatus To) : IRequestEvent;

public sealed record DecisionEntered(Guid RequestId, Guid DecisionId, IReadOnlyList<KindDecision> Outcomes, bool Approved) : IRequestEvent;

public sealed record DecisionApproved(Guid RequestId, Guid DecisionId, string DecidedBy) : IRequestEvent;

public sealed record DecisionSentBack(Guid RequestId, Guid? DecisionId, RequestStatus From, RequestStatus To) : IRequestEvent;

public sealed record RequestClosed(Guid RequestId, RequestStatus From, RequestStatus To) : IRequestEvent;

public sealed record RequestWithdrawn(Guid RequestId, RequestStatus From, RequestStatus To) : IRequestEvent;

public sealed record RequestRejected(Guid RequestId, RequestStatus From, RequestStatus To, Closing.RejectionGround Ground = Closing.RejectionGround.Other) : IRequestEvent;

/// <summary>A reminder of the fee or documents awaited (step 1 or 2), announcing the date after which the request closes.</summary>
public sealed record ReminderSent(Guid RequestId, RequestStatus Waiting, int Step, DateOnly ClosesOn) : IRequestEvent;

/// <summary>Closed by the system after both reminders went unanswered (ADR 0023).</summary>
public sealed record RequestAbandoned(Guid RequestId, RequestStatus From, RequestStatus To, int RemindersSent) : IRequestEvent;

public sealed record NoteAdded(Guid RequestId, Guid NoteId) : IRequestEvent;

/// <summary>Staff set a later answer date with a reason (the reason is told to the member, not copied into the audit row).</summary>
public sealed record DeadlineExtended(Guid RequestId, DateOnly From, DateOnly To, int TotalExtensionDays) : IRequestEvent;

/// <summary>Staff corrected a person's contact details with a reason; the values stay in the request's contact history, named by id.</summary>
public sealed record ContactCorrected(Guid RequestId, Guid PersonId, PartyRole Party, IReadOnlyList<ContactField> Fields, IReadOnlyList<Guid> CorrectionIds) : IRequestEvent;

/// <summary>Staff issued a new status code after checking the caller's identity; the old one stopped working. Never the code itself.</summary>
public sealed record StatusCodeReissued(Guid RequestId, StatusCodeDelivery Via, CallerVerification VerifiedBy) : IRequestEvent;

/// <summary>Staff changed how the answer is delivered (e.g. to post after mail failed for good).</summary>
public sealed record DeliveryChanged(Guid RequestId, DeliveryMethod? Before, DeliveryMethod After) : IRequestEvent;
/// <summary>
/// The member sent the documents asked for again from the status page: the request is back in the ID check
/// (<see cref="To"/>), each new document replacing the earlier one of its slot (<see cref="Superseded"/>).
/// </summary>
public sealed record DocumentsResubmitted(
    Guid RequestId, IReadOnlyList<Guid> DocumentIds, IReadOnlyList<DocumentRole> Roles, IReadOnlyList<Guid> Superseded,
    RequestStatus From, RequestStatus To) : IRequestEvent;

/// <summary>
/// Staff attached scans of documents that came by post (<see cref="ArrivedOn"/>, JST); a request returned for them is
/// back in the ID check.
/// </summary>
public sealed record PostedDocumentsAttached(
    Guid RequestId, IReadOnlyList<Guid> DocumentIds, IReadOnlyList<DocumentRole> Roles, IReadOnlyList<Guid> Superseded,
    DateOnly ArrivedOn, RequestStatus From, RequestStatus To) : IRequestEvent;

/// <summary>
/// Staff restated the provision records of an approved decision flagged by the migration to content per kind (ADR 0020).
/// What was stated before stays on the decision's outcome (<see cref="PreviousContentSha256"/> names it here without
/// copying it); the records are named by id.
/// </summary>
public sealed record RecordsContentRestated(
    Guid RequestId, Guid DecisionId, Guid OutcomeId, KindOutcome From, KindOutcome To, IReadOnlyList<Guid> ProvisionRecordIds,
    string? PreviousContentSha256, bool AwaitsApproval) : IRequestEvent;

/// <summary>A supervisor other than the restater approved a restatement of the records (four-eyes).</summary>
public sealed record RecordsRestatementApproved(Guid RequestId, Guid DecisionId, Guid OutcomeId, string RestatedBy) : IRequestEvent;
