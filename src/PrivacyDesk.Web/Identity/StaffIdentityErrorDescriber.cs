using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace PrivacyDesk.Web.Identity;

/// <summary>
/// Identity's validation messages in Japanese and English ("日本語 / English"), for the create-user command and any
/// staff page that shows them. No message repeats the email or user name it is about, so none can leak into a log.
/// </summary>
public sealed class StaffIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort),
        string.Create(CultureInfo.InvariantCulture, $"パスワードは{length}文字以上にしてください。 / Passwords must be at least {length} characters."));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars),
        string.Create(CultureInfo.InvariantCulture, $"パスワードには{uniqueChars}種類以上の文字を使ってください。 / Passwords must use at least {uniqueChars} different characters."));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit),
        "パスワードには数字を含めてください。 / Passwords must have at least one digit ('0'-'9').");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower),
        "パスワードには英小文字を含めてください。 / Passwords must have at least one lowercase ('a'-'z').");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper),
        "パスワードには英大文字を含めてください。 / Passwords must have at least one uppercase ('A'-'Z').");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric),
        "パスワードには記号を含めてください。 / Passwords must have at least one non alphanumeric character.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch),
        "パスワードが正しくありません。 / Incorrect password.");

    public override IdentityError DuplicateEmail(string? email) => Error(nameof(DuplicateEmail),
        "このメールアドレスのアカウントは既にあります。 / An account with this email address already exists.");

    public override IdentityError DuplicateUserName(string? userName) => Error(nameof(DuplicateUserName),
        "このユーザー名のアカウントは既にあります。 / An account with this user name already exists.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail),
        "メールアドレスの形式が正しくありません。 / The email address is not valid.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName),
        "ユーザー名に使えない文字が含まれています。 / The user name contains characters that are not allowed.");

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName),
        "役割の名前が正しくありません。 / The role name is not valid.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole),
        "このアカウントには既にその役割があります。 / The user already has this role.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled),
        "このアカウントではロックアウトが有効になっていません。 / Lockout is not enabled for this user.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken),
        "確認コードが正しくないか、有効期限が切れています。 / The code is not valid or has expired.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed),
        "リカバリーコードが正しくありません。 / The recovery code is not valid.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure),
        "同時に別の変更がありました。もう一度お試しください。 / The account was changed at the same time; please try again.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
