using System.Globalization;
using FluentValidation;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>A period of JST days as typed on the auditor pages (yyyy-MM-dd; full-width digits accepted). Both ends optional.</summary>
public sealed class PeriodInput
{
    public string? From { get; set; }
    public string? To { get; set; }

    public DateOnly? FromDate => Parse(From);
    public DateOnly? ToDate => Parse(To);

    public static DateOnly? Parse(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && DateOnly.TryParseExact(JapaneseText.ToHalfWidth(text).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
}

public sealed class PeriodInputValidator : AbstractValidator<PeriodInput>
{
    public PeriodInputValidator()
    {
        RuleFor(p => p.From).Must(t => string.IsNullOrWhiteSpace(t) || PeriodInput.Parse(t) is not null)
            .WithMessage(_ => Localized.Text("開始日は 2026-04-01 のように「年-月-日」で入力してください。", "Enter the start date as year-month-day, e.g. 2026-04-01."));
        RuleFor(p => p.To).Must(t => string.IsNullOrWhiteSpace(t) || PeriodInput.Parse(t) is not null)
            .WithMessage(_ => Localized.Text("終了日は 2027-03-31 のように「年-月-日」で入力してください。", "Enter the end date as year-month-day, e.g. 2027-03-31."));
        RuleFor(p => p).Must(p => p.FromDate is not { } from || p.ToDate is not { } to || from <= to)
            .WithName("Period")
            .WithMessage(_ => Localized.Text("開始日は終了日以前の日付にしてください。", "The start date must not be after the end date."));
    }
}
