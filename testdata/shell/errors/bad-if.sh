if true; then
	jail -c name=x
fi fi
