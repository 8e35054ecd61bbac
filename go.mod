module github.com/custos-project/custos

go 1.26
