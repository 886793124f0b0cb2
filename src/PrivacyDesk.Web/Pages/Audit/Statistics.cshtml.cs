using FluentValidation;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>/audit/statistics: figures for the annual review over a period (default: the current fiscal year, April to March).</summary>
public sealed class StatisticsModel(AuditStatisticsQuery statistics, TimeProvider clock, IValidator<PeriodInput> periodValidator)
    : AuditPageModel(periodValidator)
{
    public AuditStatistics? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ValidatePeriodAsync(cancellationToken))
        {
            return;
        }

        var today = JapaneseText.JstDate(clock.GetUtcNow());
        var fiscalStart = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        var from = Period.FromDate ?? fiscalStart;
        var to = Period.ToDate ?? (from > today ? from : today);
        From ??= AuditTime.Day(from);
        To ??= AuditTime.Day(to);
        Result = await statistics.ComputeAsync(from, to, cancellationToken);
    }
}
