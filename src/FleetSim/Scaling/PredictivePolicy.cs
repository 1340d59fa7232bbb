using FleetSim.Scenario;

namespace FleetSim.Scaling;

/// <summary>
/// AWS-style predictive scaling: forecasts the coming hours from past days (seasonal naive: the
/// same minute a day earlier; or additive Holt-Winters on hourly means with a 24-hour season),
/// sizes each by the break-even rule, and launches capacity a provisioning delay ahead. Until a
/// day of history exists it holds the last minute's demand.
/// </summary>
public sealed class PredictivePolicy(PredictiveSpec spec) : IScalingPolicy
{
    private const int Day = 1440;
    private readonly HoltWinters _holtWinters = new(24);
    private readonly Dictionary<(int Hour, int Fed), int> _sized = [];
    private int _hoursFed;
    // The last hour sized, and the last of each hour of the day, with their forecasts' mean tok/s: guesses at the next answer.
    private (int Sized, double Mean) _last;
    private readonly (int Sized, double Mean)[] _lastByHourOfDay = new (int, double)[24];
    // How fast a node's step in cost grew near the last hour's bottom, $ per node per node: where the next search steps to.
    private double _stepSlope;

    public string Name => spec.Method == ForecastMethod.HoltWinters ? "predictive (Holt-Winters)" : "predictive";

    public double IntervalMinutes => 1;

    public int DesiredReplicas(ScalingContext context)
    {
        int now = context.Minute;
        ReadOnlySpan<double> past = context.PastDemand;
        FeedWholeHours(past);
        int horizon = context.ProvisioningMinutes;
        Span<double> forecast = context.Scratch.AsSpan(0, 60);
        int wanted = 0;
        // Size the current hour and the hour the provisioning delay reaches into; keep the larger.
        foreach (int target in new[] { now, now + horizon })
        {
            // A forecast only changes when its hour does, or (Holt-Winters) when another hour is fed in.
            var key = (target / 60, spec.Method == ForecastMethod.HoltWinters ? _hoursFed : Math.Min(_hoursFed, 24));
            if (!_sized.TryGetValue(key, out int replicas))
            {
                Forecast(past, context.LastMinuteDemand, target, forecast);
                double mean = 0;
                foreach (double d in forecast)
                {
                    mean += d / 60;
                }
                // The same hour's last answer (or, before there is one, the last hour's), scaled by the
                // forecast's mean, is where the search starts: the same answer, found with fewer costs.
                int hourOfDay = target / 60 % 24;
                (int lastSized, double lastMean) = _lastByHourOfDay[hourOfDay].Mean > 0 ? _lastByHourOfDay[hourOfDay] : _last;
                int guess = lastMean > 0 && double.IsFinite(mean / lastMean) ? (int)Math.Min(100_000, Math.Round(lastSized * (mean / lastMean))) : -1;
                replicas = context.Economics.BestReplicas(forecast, 100_000, context.Scratch.AsSpan(60, 60), guess, ref _stepSlope);
                _last = _lastByHourOfDay[hourOfDay] = (replicas, mean);
                _sized[key] = replicas;
            }
            wanted = Math.Max(wanted, replicas);
        }
        return wanted;
    }

    /// <summary>The 60 minutes of the hour containing <paramref name="minute"/>, as forecast from the past.</summary>
    private void Forecast(ReadOnlySpan<double> past, double lastDemand, int minute, Span<double> hour)
    {
        int start = minute / 60 * 60;
        if (past.Length == 0)
        {
            hour.Fill(lastDemand);
            return;
        }
        if (spec.Method == ForecastMethod.HoltWinters && _hoursFed >= 48)
        {
            int stepsAhead = Math.Max(1, start / 60 - _hoursFed + 1);
            hour.Fill(Math.Max(0, _holtWinters.Forecast(stepsAhead)));
            return;
        }
        for (int i = 0; i < 60; i++)
        {
            int source = start + i - Day;
            hour[i] = source >= 0 && source < past.Length ? past[source] : past[^1];
        }
    }

    private void FeedWholeHours(ReadOnlySpan<double> past)
    {
        while ((_hoursFed + 1) * 60 <= past.Length)
        {
            double sum = 0;
            foreach (double d in past.Slice(_hoursFed * 60, 60))
            {
                sum += d;
            }
            _holtWinters.Add(sum / 60);
            _hoursFed++;
        }
    }
}
