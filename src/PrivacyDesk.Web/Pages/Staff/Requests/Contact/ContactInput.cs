using FluentValidation;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Pages.Requests.Form;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Contact;

/// <summary>The corrected contact details of one person on the request, and why they are corrected.</summary>
public sealed class ContactInput
{
    public PartyRole Party { get; set; } = PartyRole.Principal;
    public string? PostalCode { get; set; }
    public string? Prefecture { get; set; }
    public string? City { get; set; }
    public string? AddressLine { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Reason { get; set; }

    public ContactDetails ToDetails() => new(
        PostalCode ?? string.Empty, Prefecture ?? string.Empty, City ?? string.Empty, AddressLine ?? string.Empty, Phone ?? string.Empty,
        string.IsNullOrWhiteSpace(Email) ? null : JapaneseText.ToHalfWidth(Email).Trim());

    public static ContactInput From(Person person, PartyRole party) => new()
    {
        Party = party,
        PostalCode = person.PostalCode,
        Prefecture = person.Prefecture,
        City = person.City,
        AddressLine = person.AddressLine,
        Phone = person.Phone,
        Email = person.Email,
    };
}

/// <summary>The same rules as the request form's contact fields (messages in Japanese, English on request), plus a reason.</summary>
public sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    public const int MaxReasonLength = 1000;

    public ContactInputValidator()
    {
        RuleFor(x => x.Party).IsInEnum().WithMessage(_ => Localized.Text("訂正する人が正しくありません。", "The person to correct is not valid."));
        RuleFor(x => x.PostalCode)
            .NotEmpty().WithMessage(_ => Localized.Text("郵便番号を入力してください。", "Enter the postal code."))
            .Must(code => code is null || Domain.Text.PostalCode.Normalize(code) is not null)
            .WithMessage(_ => Localized.Text("郵便番号は「123-4567」の形式（7桁）で入力してください。", "The postal code must be 7 digits (123-4567)."));
        RuleFor(x => x.Prefecture)
            .NotEmpty().WithMessage(_ => Localized.Text("都道府県を選んでください。", "Choose the prefecture."))
            .Must(p => p is null || RequestFormValidator.Prefectures.Contains(p))
            .WithMessage(_ => Localized.Text("都道府県を一覧から選んでください。", "Choose the prefecture from the list."));
        RuleFor(x => x.City)
            .NotEmpty().WithMessage(_ => Localized.Text("市区町村を入力してください。", "Enter the city."))
            .SafeText(100, multiline: false);
        RuleFor(x => x.AddressLine)
            .NotEmpty().WithMessage(_ => Localized.Text("町名・番地・建物名を入力してください。", "Enter the street address."))
            .SafeText(200, multiline: false);
        RuleFor(x => x.Phone)
            .NotEmpty().WithMessage(_ => Localized.Text("電話番号を入力してください。", "Enter the telephone number."))
            .Must(phone => phone is null || PhoneNumber.Normalize(phone) is not null)
            .WithMessage(_ => Localized.Text("電話番号は「03-1234-5678」「090-1234-5678」のように、国内の番号を入力してください。",
                "The telephone must be a Japanese number such as 03-1234-5678."));
        RuleFor(x => x.Email)
            .MaximumLength(254).WithMessage(_ => Localized.Text("メールアドレスが長すぎます。", "The email address is too long."))
            .Must(email => string.IsNullOrEmpty(email) || PersonInputValidator.EmailPattern().IsMatch(JapaneseText.ToHalfWidth(email).Trim()))
            .WithMessage(_ => Localized.Text("メールアドレスの形式が正しくありません。", "The email address is not valid."));
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .WithMessage(_ => Localized.Text("訂正の理由を入力してください（例：本人から電話で転居の連絡）。", "Enter why the details are corrected (e.g. the requester phoned about a move)."))
            .MaximumLength(MaxReasonLength)
            .WithMessage(_ => Localized.Text($"理由は{MaxReasonLength}文字以内で入力してください。", $"The reason can be at most {MaxReasonLength} characters."));
    }
}
