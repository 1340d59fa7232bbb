namespace FleetSim.Traffic;

/// <summary>
/// The simulated clock's calendar: minute 0 is Monday 00:00, days 5 and 6 of each week are the weekend.
/// </summary>
public static class Calendar
{
    public const int MinutesPerHour = 60;
    public const int HoursPerDay = 24;
    public const int MinutesPerDay = MinutesPerHour * HoursPerDay;

    public static int HourOfDay(int hourIndex) => hourIndex % HoursPerDay;

    public static bool IsWeekend(int hourIndex) => hourIndex / HoursPerDay % 7 >= 5;
}
