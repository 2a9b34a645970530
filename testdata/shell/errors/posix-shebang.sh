#!/bin/sh
[[ -n x ]] && jail -c name=x (
