using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Identity;

/// <summary>Signed-in staff sessions (configuration section <c>StaffSessions</c>).</summary>
public sealed class StaffSessionOptions
{
    public const string Section = "StaffSessions";

    /// <summary>
    /// How often a session rechecks its account (disabled, roles changed, new password or authenticator), in seconds; 0
    /// rechecks on every request. Identity's default is 30 minutes, which would let a disabled account or a removed role
    /// keep working that long; a minute costs one user lookup a minute per signed-in user.
    /// </summary>
    [SettingRange("StaffSessions:RecheckSeconds", 0, 3600)]
    public int RecheckSeconds { get; set; } = StaffIdentityRegistration.DefaultSessionRecheckSeconds;
}
