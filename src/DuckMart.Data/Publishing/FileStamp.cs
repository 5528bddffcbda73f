namespace DuckMart.Data.Publishing;

/// <summary>
/// What identifies one published file cheaply: a rename puts a different file (another write time,
/// size and change time) at the same path. .NET exposes no inode number, so these three stand in for it.
/// </summary>
internal readonly record struct FileStamp(long WriteTicks, long Length, long ChangeTicks)
{
    public static FileStamp? Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        return new FileStamp(info.LastWriteTimeUtc.Ticks, info.Length, info.CreationTimeUtc.Ticks);
    }

    public override string ToString() => $"{WriteTicks:x}{Length:x}";
}
