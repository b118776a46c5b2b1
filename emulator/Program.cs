namespace SmartcarClean.Emulator;

public static class Program
{
    public static void Main() => Console.WriteLine("emulator");
}
