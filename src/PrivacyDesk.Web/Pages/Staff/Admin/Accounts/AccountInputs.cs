using FluentValidation;
using PrivacyDesk.Web.Identity;
using static PrivacyDesk.Web.Hosting.Localized;

namespace PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>The new-account form: the initial password is typed twice, or generated and shown once.</summary>
public sealed class CreateAccountInput
{
    public const string GeneratePassword = "generate";
    public const string TypePassword = "type";

    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; }
    public string PasswordMode { get; set; } = GeneratePassword;
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}

public sealed class CreateAccountInputValidator : AbstractValidator<CreateAccountInput>
{
    public const int EmailMaxLength = 256;
    public const int DisplayNameMaxLength = 100;

    public CreateAccountInputValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => Text("メールアドレスを入力してください。", "Enter the email address."))
            .MaximumLength(EmailMaxLength).WithMessage(_ => Text($"メールアドレスは{EmailMaxLength}文字以内で入力してください。", $"Use at most {EmailMaxLength} characters."))
            .EmailAddress().WithMessage(_ => Text("メールアドレスの形式が正しくありません（例：taro.sato@example.jp）。", "Enter an email address such as taro.sato@example.jp."));
        RuleFor(x => x.DisplayName).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => Text("表示名を入力してください。", "Enter the display name."))
            .MaximumLength(DisplayNameMaxLength).WithMessage(_ => Text($"表示名は{DisplayNameMaxLength}文字以内で入力してください。", $"Use at most {DisplayNameMaxLength} characters."));
        RuleFor(x => x.Role)
            .Must(r => r is not null && StaffRoles.All.Contains(r)).WithMessage(_ => Text("役割を選んでください。", "Choose a role."));
        RuleFor(x => x.PasswordMode)
            .Must(m => m is CreateAccountInput.GeneratePassword or CreateAccountInput.TypePassword)
            .WithMessage(_ => Text("初期パスワードの決め方を選んでください。", "Choose how the initial password is set."));
        When(x => x.PasswordMode == CreateAccountInput.TypePassword, () =>
        {
            RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => Text("初期パスワードを入力してください。", "Enter the initial password."))
                .MinimumLength(StaffIdentityRegistration.RequiredPasswordLength).WithMessage(_ => Text(
                    $"パスワードは{StaffIdentityRegistration.RequiredPasswordLength}文字以上にしてください。",
                    $"Passwords must be at least {StaffIdentityRegistration.RequiredPasswordLength} characters."));
            RuleFor(x => x.ConfirmPassword)
                .Equal(x => x.Password).WithMessage(_ => Text("確認用に入力したパスワードが一致しません。", "The two passwords differ."));
        });
    }
}

/// <summary>The roles form of an account.</summary>
public sealed class AccountRolesInput
{
    public List<string> Roles { get; set; } = [];
}

public sealed class AccountRolesInputValidator : AbstractValidator<AccountRolesInput>
{
    public AccountRolesInputValidator()
    {
        RuleFor(x => x.Roles).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => Text("役割を1つ以上選んでください。", "Choose at least one role."))
            .Must(roles => roles.All(StaffRoles.All.Contains)).WithMessage(_ => Text("選べない役割が含まれています。", "An unknown role was chosen."));
    }
}
