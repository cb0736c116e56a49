// The resident daemon arrives with the daemon issue; until then the host only reports that it is not built yet.
Console.Error.WriteLine("ragexd: the daemon is not part of this build yet; use `ragex` directly.");
return 2;
