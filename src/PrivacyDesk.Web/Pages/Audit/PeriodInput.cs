using FluentValidation;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>
/// A period of JST days as typed on the auditor pages: 2026-12-01, 2026/12/1, 2026年12月1日 or 令和8年12月1日, in full- or
/// half-width (<see cref="JapaneseDate"/>). Both ends optional.
/// </summary>
public sealed class PeriodInput
{
    public string? From { get; set; }
    public string? To { get; set; }

    public DateOnly? FromDate => Parse(From);
    public DateOnly? ToDate => Parse(To);

    public static DateOnly? Parse(string? text) => JapaneseDate.Parse(text);
}

public sealed class PeriodInputValidator : AbstractValidator<PeriodInput>
{
    public PeriodInputValidator()
    {
        RuleFor(p => p.From).Must(t => string.IsNullOrWhiteSpace(t) || PeriodInput.Parse(t) is not null)
            .WithMessage(_ => Localized.Text("開始日は 2026-04-01、2026/4/1、令和8年4月1日 のように入力してください。", "Enter the start date as e.g. 2026-04-01, 2026/4/1 or 令和8年4月1日."));
        RuleFor(p => p.To).Must(t => string.IsNullOrWhiteSpace(t) || PeriodInput.Parse(t) is not null)
            .WithMessage(_ => Localized.Text("終了日は 2027-03-31、2027/3/31、令和9年3月31日 のように入力してください。", "Enter the end date as e.g. 2027-03-31, 2027/3/31 or 令和9年3月31日."));
        RuleFor(p => p).Must(p => p.FromDate is not { } from || p.ToDate is not { } to || from <= to)
            .WithName("Period")
            .WithMessage(_ => Localized.Text("開始日は終了日以前の日付にしてください。", "The start date must not be after the end date."));
    }
}
