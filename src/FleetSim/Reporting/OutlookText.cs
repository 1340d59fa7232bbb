using System.Globalization;
using FleetSim.Runs.Outlook;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>An outlook in words, and as JSON.</summary>
public static class OutlookText
{
    /// <summary>"$2.1M in total against $4.4M all on the API, paid back in month 1, $467K still committed after".</summary>
    public static string Line(MonthsAhead o)
    {
        string payback = o.PaybackMonth is { } m ? $"paid back in month {m.ToString(CultureInfo.InvariantCulture)}" : "not paid back within the horizon";
        string owed = o.CommittedAfterHorizonUsd > 0 ? $", {new Usd(o.CommittedAfterHorizonUsd).ToShortString()} still committed after it" : "";
        string setup = o.SetupUsd > 0 ? $" (setup {new Usd(o.SetupUsd).ToShortString()} included)" : "";
        return $"{new Usd(o.TotalUsd).ToShortString()} in total{setup} against {new Usd(o.AllApiTotalUsd).ToShortString()} all on the API, {payback}{owed}";
    }
}

/// <summary>An outlook in JSON: totals, payback and each month.</summary>
public sealed record OutlookJson(int Months, double TotalUsd, double AllApiTotalUsd, double SetupUsd, int? PaybackMonth, double CommittedAfterHorizonUsd,
                                 int? ReservedTermMonths, IReadOnlyList<OutlookMonth> Monthly)
{
    public static OutlookJson? Of(MonthsAhead? o) => o is null ? null
        : new(o.Months.Count, o.TotalUsd, o.AllApiTotalUsd, o.SetupUsd, o.PaybackMonth, o.CommittedAfterHorizonUsd, o.ReservedTermMonths, o.Months);
}
