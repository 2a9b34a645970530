#!/bin/sh
if [ -n "$1" ]; then
	jail -c name=x persist
