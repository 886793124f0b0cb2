using PrivacyDesk.Domain;
using PrivacyDesk.Web.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>
/// What auditors read for each audit action code: Japanese first (English available), with the code shown beside it
/// as secondary text. The request actions are labelled in <see cref="AuditActions"/>; the sign-in, account, audit and
/// retention actions here. An unknown code is shown as it is.
/// </summary>
public static class AuditActionNames
{
    private static readonly Dictionary<string, Label> Others = new()
    {
        ["letter.previewed"] = new("通知書をプレビュー", "Letter previewed"),
        ["demo.seeded"] = new("デモデータを投入", "Demo data loaded"),
        ["staff.signed_in"] = new("ログイン", "Signed in"),
        ["staff.sign_in_failed"] = new("ログイン失敗", "Sign-in failed"),
        ["staff.locked_out"] = new("アカウントをロック（ログイン失敗の繰り返し）", "Locked out (repeated failures)"),
        ["staff.sign_in_throttled"] = new("ログインを一時制限", "Sign-in throttled"),
        ["staff.second_factor_failed"] = new("確認コードの誤り", "Wrong one-time code"),
        ["staff.two_factor_enabled"] = new("2段階認証を設定", "Two-factor enabled"),
        ["staff.signed_out"] = new("ログアウト", "Signed out"),
        ["staff.user_created"] = new("職員アカウントを作成（コマンド）", "Staff account created (command)"),
        ["account.created"] = new("職員アカウントを作成", "Staff account created"),
        ["account.locked"] = new("職員アカウントを停止", "Staff account locked"),
        ["account.unlocked"] = new("職員アカウントの停止を解除", "Staff account unlocked"),
        ["account.roles-changed"] = new("職員の役割を変更", "Staff roles changed"),
        ["account.authenticator-reset"] = new("2段階認証をリセット", "Authenticator reset"),
        ["account.sign-in-limits-cleared"] = new("ログイン制限を解除", "Sign-in limits cleared"),
        ["audit.anchored"] = new("監査ログの検証値を送付", "Audit anchor sent"),
        ["audit.chain_verified"] = new("監査ログの改ざん検査", "Audit chain verified"),
        ["audit.events_exported"] = new("監査ログをCSV出力", "Audit log exported"),
        ["audit.history_exported"] = new("請求の履歴をCSV出力", "Request history exported"),
        ["audit.history_searched"] = new("請求の履歴を検索", "Request history searched"),
        ["audit.timeline_viewed"] = new("請求の経過を閲覧", "Request timeline viewed"),
        ["document.purged"] = new("本人確認書類を廃棄（保存期間経過）", "ID document purged (retention)"),
        ["letter.purged"] = new("通知書を廃棄（保存期間経過）", "Letter purged (retention)"),
    };

    /// <summary>The label of <paramref name="action"/>, or null for a code nobody has named.</summary>
    public static Label? Describe(string action) =>
        AuditActions.Describe(action) ?? (Others.TryGetValue(action, out var label) ? label : null);
}
