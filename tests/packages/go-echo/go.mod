module example.com/mcp-echo-go

go 1.19
