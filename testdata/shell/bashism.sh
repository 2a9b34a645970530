#!/usr/bin/env bash
if [[ -n $1 ]]; then
	jail -c name={a,b} persist
fi
function f { iocage set notes=x j; }
