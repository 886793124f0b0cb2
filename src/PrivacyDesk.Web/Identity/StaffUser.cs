using Microsoft.AspNetCore.Identity;

namespace PrivacyDesk.Web.Identity;

/// <summary>A 総務部 staff member, supervisor, auditor or administrator.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
}

public static class StaffRoles
{
    public const string Staff = "Staff";
    public const string Supervisor = "Supervisor";
    public const string Auditor = "Auditor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Staff, Supervisor, Auditor, Admin];
}
