namespace PrivacyDesk.Web.Staff.Requests;

/// <summary>Back-office settings for decisions.</summary>
public sealed class DecisionOptions
{
    public const string Section = "Decisions";

    /// <summary>Four-eyes: a Supervisor approves each decision before its letter goes out. On by default.</summary>
    public bool RequireApproval { get; set; } = true;
}
