using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Account;

namespace PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>One staff account as the administrator sees it.</summary>
/// <param name="LockedUntil">Set while the account is locked (disabled, or after failed sign-ins).</param>
/// <param name="LastSignIn">The last completed sign-in, from the audit trail; null if none is recorded.</param>
public sealed record AccountRow(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool TwoFactorEnabled,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignIn)
{
    public bool IsLocked => LockedUntil is not null;

    /// <summary>Locked with no end: disabled by an administrator (a sign-in lockout ends after minutes).</summary>
    public bool IsDisabled => LockedUntil is { } until && until >= AccountAdministration.DisabledFrom;
}

/// <summary>The outcome of an account change: done, or why not (in both languages).</summary>
public sealed record AccountChange(bool Succeeded, Label? Problem, string? UserId = null)
{
    public static AccountChange Done(string userId) => new(true, null, userId);

    public static AccountChange Refused(Label problem) => new(false, problem);
}

/// <summary>
/// Staff account administration for <c>/staff/admin/accounts</c>: create, change roles, disable and enable, reset the
/// authenticator. Every change is one serializable transaction holding the Identity update and its audit event
/// (identifiers only), and ends with a check that an active administrator remains; the check runs inside the
/// transaction, so two administrators demoting each other at once cannot both succeed (one is refused as a conflict).
/// </summary>
public sealed class AccountAdministration(
    PrivacyDeskDbContext db,
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider clock,
    SignInThrottle throttle)
{
    /// <summary>Lockouts from this instant on are administrative (disabled); sign-in lockouts last minutes.</summary>
    public static readonly DateTimeOffset DisabledFrom = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly Label LastAdminProblem = new(
        "有効な管理者が1人もいなくなるため、この変更はできません。",
        "This change would leave no active administrator.");

    public static readonly Label ConflictProblem = new(
        "同時に別の変更がありました。画面を読み込み直して、もう一度お試しください。",
        "The account was changed at the same time. Reload the page and try again.");

    private static readonly Label NotFoundProblem = new("アカウントが見つかりません。", "The account was not found.");

    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        return await RowsAsync(accounts, cancellationToken);
    }

    public async Task<AccountRow?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return account is null ? null : (await RowsAsync([account], cancellationToken))[0];
    }

    private async Task<IReadOnlyList<AccountRow>> RowsAsync(List<StaffUser> accounts, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var roleRows = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where ids.Contains(userRole.UserId)
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);

        // The sign-in page records each completed sign-in as an audit event by the user: the latest is the last sign-in.
        var signIns = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.SignedIn && ids.Contains(e.ActorId))
            .GroupBy(e => e.ActorId)
            .Select(g => new { ActorId = g.Key, Last = g.Max(e => e.OccurredAt) })
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        return accounts.Select(a => new AccountRow(
                a.Id,
                a.Email ?? string.Empty,
                a.DisplayName,
                StaffRoles.All.Where(r => roleRows.Any(x => x.UserId == a.Id && x.Name == r)).ToList(),
                a.TwoFactorEnabled,
                a.LockoutEnd is { } end && end > now ? end : null,
                signIns.FirstOrDefault(s => s.ActorId == a.Id)?.Last))
            .ToList();
    }

    /// <summary>
    /// Creates an account with one role and the given password (already validated). It has no authenticator: the
    /// first sign-in goes through the enrolment page. <paramref name="via"/> names the admin command that created it
    /// (null from the admin page). A command creates accounts on an installation that may have no administrator
    /// yet, so only the page's creation keeps the remaining-administrator check (adding an account never removes one).
    /// </summary>
    public Task<AccountChange> CreateAsync(string email, string displayName, string role, string password, string? via = null, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async () =>
        {
            foreach (var name in StaffRoles.All)
            {
                if (!await roles.RoleExistsAsync(name))
                {
                    Check(await roles.CreateAsync(new IdentityRole(name)));
                }
            }

            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Refused(created);
            }

            Check(await users.AddToRoleAsync(user, role));
            user.RecordCreated([role], via);
            return AccountChange.Done(user.Id);
        }, cancellationToken, requireAdministrator: via is null);

    /// <summary>Sets the account's roles. An administrator cannot take the Admin role from themselves.</summary>
    public Task<AccountChange> SetRolesAsync(string actorId, string userId, IReadOnlyCollection<string> newRoles, CancellationToken cancellationToken = default) =>
        WithUserAsync(userId, async user =>
        {
            var before = Ordered(await users.GetRolesAsync(user));
            var after = Ordered(newRoles);
            if (actorId == userId && before.Contains(StaffRoles.Admin) && !after.Contains(StaffRoles.Admin))
            {
                return AccountChange.Refused(new Label(
                    "自分自身の管理者の役割は外せません。別の管理者に依頼してください。",
                    "You cannot remove your own Admin role. Ask another administrator."));
            }

            if (before.SequenceEqual(after))
            {
                return AccountChange.Done(userId);
            }

            Check(await users.RemoveFromRolesAsync(user, before.Except(after)));
            Check(await users.AddToRolesAsync(user, after.Except(before)));

            // A new security stamp ends the changed user's open sessions at their next check (StaffSessions:RecheckSeconds);
            // the next sign-in carries the new roles.
            Check(await users.UpdateSecurityStampAsync(user));
            user.RecordRolesChanged(before, after);
            return AccountChange.Done(userId);
        }, cancellationToken);

    /// <summary>Disables the account (locked with no end) and ends its sessions. Nobody can disable their own account.</summary>
    public Task<AccountChange> LockAsync(string actorId, string userId, CancellationToken cancellationToken = default) =>
        WithUserAsync(userId, async user =>
        {
            if (actorId == userId)
            {
                return AccountChange.Refused(new Label("自分自身のアカウントは無効にできません。", "You cannot disable your own account."));
            }

            var before = user.LockoutEnd;
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            Check(await users.UpdateSecurityStampAsync(user));
            user.RecordLocked(before);
            return AccountChange.Done(userId);
        }, cancellationToken);

    /// <summary>Enables the account again: ends an administrative or sign-in lockout and clears the failure count.</summary>
    public Task<AccountChange> UnlockAsync(string userId, CancellationToken cancellationToken = default) =>
        WithUserAsync(userId, async user =>
        {
            var before = user.LockoutEnd;
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            Check(await throttle.MarkClearedAsync(users, user));
            user.RecordUnlocked(before);
            return AccountChange.Done(userId);
        }, cancellationToken);

    /// <summary>
    /// Lets the account sign in again after failed attempts: ends a lockout from wrong second factors and the per-address
    /// password limits (<see cref="SignInThrottle"/>) on every instance. A disabled account stays disabled.
    /// </summary>
    public Task<AccountChange> ClearSignInLimitsAsync(string userId, CancellationToken cancellationToken = default) =>
        WithUserAsync(userId, async user =>
        {
            var before = user.LockoutEnd;
            var disabled = before is { } end && end >= DisabledFrom;
            if (!disabled)
            {
                Check(await users.SetLockoutEndDateAsync(user, null));
            }

            Check(await users.ResetAccessFailedCountAsync(user));
            Check(await throttle.MarkClearedAsync(users, user));
            user.RecordSignInLimitsCleared(before, disabled ? before : null);
            return AccountChange.Done(userId);
        }, cancellationToken);

    /// <summary>
    /// Removes the authenticator and the recovery codes: the next sign-in after the password goes to the enrolment page.
    /// Used when a phone is lost. Not for one's own account (recovery codes serve there).
    /// </summary>
    public Task<AccountChange> ResetAuthenticatorAsync(string actorId, string userId, CancellationToken cancellationToken = default) =>
        WithUserAsync(userId, async user =>
        {
            if (actorId == userId)
            {
                return AccountChange.Refused(new Label(
                    "自分自身の認証アプリはここではリセットできません。別の管理者に依頼してください。",
                    "You cannot reset your own authenticator here. Ask another administrator."));
            }

            var before = user.TwoFactorEnabled;
            Check(await users.SetTwoFactorEnabledAsync(user, false));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            _ = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            user.RecordAuthenticatorReset(before);
            return AccountChange.Done(userId);
        }, cancellationToken);

    /// <summary>A random password of four groups of four unambiguous letters and digits, e.g. "kR7m-Qw2x-…" (19 characters).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 4).Select(_ => new string(Enumerable.Range(0, 4)
            .Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray()));
        return string.Join('-', groups);
    }

    /// <summary>Identity's password rules (length, distinct characters) for a new account, without storing anything.</summary>
    public async Task<IReadOnlyList<string>> CheckPasswordAsync(string email, string password)
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new StaffUser { UserName = email, Email = email }, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        return errors;
    }

    public async Task<bool> EmailInUseAsync(string email) => await users.FindByEmailAsync(email) is not null;

    private Task<AccountChange> WithUserAsync(string userId, Func<StaffUser, Task<AccountChange>> change, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
            await users.FindByIdAsync(userId) is { } user ? await change(user) : AccountChange.Refused(NotFoundProblem), cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> and its audit event in one serializable transaction, and commits only if an active
    /// administrator remains. A serialization failure or concurrent edit is reported as a conflict, with nothing changed.
    /// </summary>
    private async Task<AccountChange> InTransactionAsync(Func<Task<AccountChange>> change, CancellationToken cancellationToken, bool requireAdministrator = true)
    {
        try
        {
            // Under the execution strategy: a transient failure replays the change from a fresh read.
            return await db.RetriedAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
                var result = await change();
                if (!result.Succeeded)
                {
                    await transaction.RollbackAsync(ct);
                    return result;
                }

                await db.SaveChangesAsync(ct);
                if (requireAdministrator && await ActiveAdministratorsAsync(ct) == 0)
                {
                    await transaction.RollbackAsync(ct);
                    return AccountChange.Refused(LastAdminProblem);
                }

                await transaction.CommitAsync(ct);
                return result;
            }, cancellationToken);
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            return AccountChange.Refused(ConflictProblem);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<int> ActiveAdministratorsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        return await (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where role.Name == StaffRoles.Admin && (user.LockoutEnd == null || user.LockoutEnd <= now)
                select user.Id)
            .Distinct()
            .CountAsync(cancellationToken);
    }

    private static bool IsConflict(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            // PostgreSQL 40001 (serialization failure) and 40P01 (deadlock), SQL Server deadlocks, SQLite busy: transient.
            if (ex is DbUpdateConcurrencyException or IdentityConflictException || ex is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private static AccountChange Refused(IdentityResult result) => AccountChange.Refused(new Label(
        string.Join(" ", result.Errors.Select(e => e.Description.Split(" / ")[0])),
        string.Join(" ", result.Errors.Select(e => e.Description.Split(" / ") is [_, var english] ? english : e.Description))));

    private static string[] Ordered(IEnumerable<string> names) =>
        StaffRoles.All.Where(r => names.Contains(r, StringComparer.Ordinal)).ToArray();

    /// <summary>An Identity update that failed inside a change: a concurrency failure becomes a conflict, anything else a bug.</summary>
    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new IdentityConflictException();
        }

        throw new InvalidOperationException($"Identity refused an account change: {string.Join(", ", result.Errors.Select(e => e.Code))}");
    }

    private sealed class IdentityConflictException : Exception;
}
