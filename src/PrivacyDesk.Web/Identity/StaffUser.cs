using Microsoft.AspNetCore.Identity;
using PrivacyDesk.Domain.Events;

namespace PrivacyDesk.Web.Identity;

/// <summary>
/// A 総務部 staff member, supervisor, auditor or administrator. The account is changed through ASP.NET Core Identity;
/// what happened to it is said through the methods below, each of which raises the account's domain event, which
/// becomes its audit row when the change is saved (ADR 0014).
/// </summary>
public sealed class StaffUser : IdentityUser, IEventSource
{
    private readonly RaisedEvents raised = new();

    public string DisplayName { get; set; } = string.Empty;

    IReadOnlyList<IDomainEvent> IEventSource.TakeEvents() => raised.Take();

    public void RecordCreated(IEnumerable<string> roles, string? via = null) => raised.Add(new AccountCreated(Id, roles.ToArray(), via));

    public void RecordRolesChanged(IEnumerable<string> before, IEnumerable<string> after) =>
        raised.Add(new AccountRolesChanged(Id, before.ToArray(), after.ToArray()));

    public void RecordLocked(DateTimeOffset? lockedUntilBefore) => raised.Add(new AccountLocked(Id, lockedUntilBefore));

    public void RecordUnlocked(DateTimeOffset? lockedUntilBefore) => raised.Add(new AccountUnlocked(Id, lockedUntilBefore));

    public void RecordSignInLimitsCleared(DateTimeOffset? lockedUntilBefore, DateTimeOffset? lockedUntilAfter) =>
        raised.Add(new AccountSignInLimitsCleared(Id, lockedUntilBefore, lockedUntilAfter));

    public void RecordAuthenticatorReset(bool twoFactorBefore) => raised.Add(new AccountAuthenticatorReset(Id, twoFactorBefore));

    public void RecordSignedIn(string method) => raised.Add(new StaffSignedIn(Id, method));

    public void RecordSignInFailed(string reason) => raised.Add(new StaffSignInFailed(Id, reason));

    public void RecordLockedOut() => raised.Add(new StaffLockedOut(Id));

    public void RecordSignInThrottled() => raised.Add(new StaffSignInThrottled(Id));

    public void RecordSecondFactorFailed(string method) => raised.Add(new StaffSecondFactorFailed(Id, method));

    public void RecordTwoFactorEnabled() => raised.Add(new StaffTwoFactorEnabled(Id));

    public void RecordSignedOut() => raised.Add(new StaffSignedOut(Id));
}

public static class StaffRoles
{
    public const string Staff = "Staff";
    public const string Supervisor = "Supervisor";
    public const string Auditor = "Auditor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Staff, Supervisor, Auditor, Admin];
}
