namespace PrivacyDesk.Domain.Requests;

public enum RequestStatus
{
    Received = 1,
    IdentityCheck = 2,
    AwaitingFee = 3,
    InReview = 4,
    Decided = 5,
    Closed = 6,
    ReturnedForDeficiency = 10,
    Withdrawn = 11,
    Rejected = 12,
}

/// <summary>
/// The allowed status transitions. Main path: received → identity check → awaiting fee (family (a)) → in review →
/// decided → closed. Side states: returned for deficiency, withdrawn, rejected. Anything else is refused.
/// </summary>
public static class RequestStatusMachine
{
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Allowed = new()
    {
        [RequestStatus.Received] = [RequestStatus.IdentityCheck, RequestStatus.Withdrawn, RequestStatus.Rejected],
        [RequestStatus.IdentityCheck] =
        [
            RequestStatus.AwaitingFee, RequestStatus.InReview, RequestStatus.ReturnedForDeficiency,
            RequestStatus.Withdrawn, RequestStatus.Rejected,
        ],
        [RequestStatus.ReturnedForDeficiency] = [RequestStatus.IdentityCheck, RequestStatus.Withdrawn, RequestStatus.Rejected],
        [RequestStatus.AwaitingFee] = [RequestStatus.InReview, RequestStatus.Withdrawn, RequestStatus.Rejected],

        // In review, staff may still find a deficiency in the documents and ask the member again.
        [RequestStatus.InReview] = [RequestStatus.Decided, RequestStatus.ReturnedForDeficiency, RequestStatus.Withdrawn],

        // A decision that a supervisor sends back goes to review again; once its letter is out, it closes.
        [RequestStatus.Decided] = [RequestStatus.Closed, RequestStatus.InReview],
        [RequestStatus.Closed] = [],
        [RequestStatus.Withdrawn] = [],
        [RequestStatus.Rejected] = [],
    };

    public static IReadOnlyCollection<RequestStatus> AllowedFrom(RequestStatus from) => Allowed[from];

    public static bool CanTransition(RequestStatus from, RequestStatus to) => Allowed[from].Contains(to);

    public static bool IsTerminal(RequestStatus status) => Allowed[status].Length == 0;

    /// <summary>Statuses in which the co-op waits for the member; the deadline clock does not run in them.</summary>
    public static bool IsWaitingForMember(RequestStatus status) =>
        status is RequestStatus.ReturnedForDeficiency or RequestStatus.AwaitingFee;

    /// <summary>
    /// Statuses in which the answer has gone out (the result letter issued) or the request has ended; the clock has
    /// stopped. A decision (Decided) is not an answer yet: it waits for approval and its letter, and the clock runs on.
    /// </summary>
    public static bool HasAnswered(RequestStatus status) =>
        status is RequestStatus.Closed or RequestStatus.Withdrawn or RequestStatus.Rejected;

    public static void EnsureCanTransition(RequestStatus from, RequestStatus to)
    {
        if (!CanTransition(from, to))
        {
            throw new InvalidStatusTransitionException(from, to);
        }
    }
}

public sealed class InvalidStatusTransitionException(RequestStatus from, RequestStatus to)
    : DomainRuleException(
        "status.transition",
        $"状態を「{Labels.Status(from).Japanese}」から「{Labels.Status(to).Japanese}」へ変更することはできません。",
        $"A request cannot move from \"{Labels.Status(from).English}\" to \"{Labels.Status(to).English}\".")
{
    public RequestStatus From { get; } = from;
    public RequestStatus To { get; } = to;
}

/// <summary>One entry in a request's status history. The deadline clock is computed from these.</summary>
public sealed class StatusChange
{
    private StatusChange()
    {
        Actor = string.Empty;
    }

    public StatusChange(RequestStatus? from, RequestStatus to, DateTimeOffset at, string actor, string? reason)
    {
        Id = Guid.CreateVersion7();
        From = from;
        To = to;
        At = at;
        Actor = actor;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public RequestStatus? From { get; private set; }
    public RequestStatus To { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The staff user id, or "member" / "system".</summary>
    public string Actor { get; private set; }

    public string? Reason { get; private set; }
}
