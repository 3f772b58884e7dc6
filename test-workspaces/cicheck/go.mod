module example.com/cicheck

go 1.22
