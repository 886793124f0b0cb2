namespace PrivacyDesk.Web.Identity;

/// <summary>
/// The authorization policies of the back office. Every page under /staff names one of these; auditors may read
/// everything and change nothing.
/// </summary>
public static class StaffPolicies
{
    /// <summary>Read requests, documents and history: Staff, Supervisor, Auditor, Admin.</summary>
    public const string ReadRequests = "staff.read";

    /// <summary>Change requests (intake, ID check, fee, decision drafts): Staff, Supervisor, Admin. Never Auditor.</summary>
    public const string WorkRequests = "staff.work";

    /// <summary>Approve decisions (four-eyes): Supervisor, Admin.</summary>
    public const string ApproveDecisions = "staff.approve";

    /// <summary>Manage accounts and configuration: Admin.</summary>
    public const string Administer = "staff.admin";

    /// <summary>Audit pages: Auditor, Admin.</summary>
    public const string Audit = "staff.audit";

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [ReadRequests] = [StaffRoles.Staff, StaffRoles.Supervisor, StaffRoles.Auditor, StaffRoles.Admin],
        [WorkRequests] = [StaffRoles.Staff, StaffRoles.Supervisor, StaffRoles.Admin],
        [ApproveDecisions] = [StaffRoles.Supervisor, StaffRoles.Admin],
        [Administer] = [StaffRoles.Admin],
        [Audit] = [StaffRoles.Auditor, StaffRoles.Admin],
    };
}
