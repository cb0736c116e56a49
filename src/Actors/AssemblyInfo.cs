// The actor tree (RagexRoot, ProjectsSupervisor, ProjectActor, ...) arrives with the daemon issue.
[assembly: System.CLSCompliant(false)]
