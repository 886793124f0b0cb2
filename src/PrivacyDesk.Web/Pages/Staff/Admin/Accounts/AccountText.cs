using System.Globalization;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

namespace PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>How the account pages word roles and states, in the current UI language.</summary>
public static class AccountText
{
    public static string Role(string role) => role switch
    {
        StaffRoles.Staff => Localized.Text("担当者", "Staff"),
        StaffRoles.Supervisor => Localized.Text("責任者", "Supervisor"),
        StaffRoles.Auditor => Localized.Text("監査担当者", "Auditor"),
        StaffRoles.Admin => Localized.Text("管理者", "Administrator"),
        _ => role,
    };

    public static string Roles(IEnumerable<string> roles) => string.Join(Localized.Text("、", ", "), roles.Select(Role));

    public static string TwoFactor(AccountRow account) => account.TwoFactorEnabled
        ? Localized.Text("設定済み", "Set up")
        : Localized.Text("未設定（次回ログイン時に設定）", "Not set up (at next sign-in)");

    public static string State(AccountRow account) => account switch
    {
        { IsDisabled: true } => Localized.Text("無効", "Disabled"),
        { LockedUntil: { } until } => Localized.Text($"ロック中（{Time(until)}まで）", $"Locked until {Time(until)}"),
        _ => Localized.Text("有効", "Active"),
    };

    public static string LastSignIn(AccountRow account) => account.LastSignIn is { } at ? Time(at) : Localized.Text("記録なし", "None recorded");

    /// <summary>An instant in JST, e.g. 2026-11-29 09:15.</summary>
    public static string Time(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, JapaneseText.Jst).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
